"""Write the sample narrative reports of September 2020 into data/monthly/2020-09/.

Illustrative, like the sample figures beside them (scripts/make_sample_data.py): what a
phòng, an agency or a ward of a town like Hồng Lĩnh might write in its monthly report,
consistent with the sample figures of the same month. Two units are left out on purpose
(Phòng Văn hóa và Thông tin, Phường Đậu Liêu), so the draft report shows their slots and
`kehoach missing` lists them.

    python scripts/make_sample_narratives.py [DATA_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from kehoach.core.narrative import Block, Narrative, to_text

P = "paragraph"
I = "item"  # noqa: E741 - a list item, as the model calls it

REPORTS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "P-TCKH": {
        "results": [
            (
                P,
                "Tổng vốn đầu tư phát triển toàn xã hội 9 tháng ước đạt 846 tỷ đồng, bằng "
                "78,3% kế hoạch năm, tăng 16,4% so với cùng kỳ.",
            ),
            (
                P,
                "Giải ngân vốn đầu tư công đến ngày 25/9/2020 đạt 61% kế hoạch vốn giao; đã "
                "thẩm định và trình phê duyệt quyết toán 14 công trình hoàn thành.",
            ),
            (
                I,
                "Tham mưu UBND thị xã điều hành chi ngân sách tiết kiệm, ưu tiên kinh phí "
                "phòng, chống dịch COVID-19 và hỗ trợ người dân gặp khó khăn.",
            ),
            (I, "Hướng dẫn các phường, xã xây dựng dự toán ngân sách năm 2021."),
        ],
        "shortcomings": [
            (
                P,
                "Giải ngân vốn đầu tư công của một số dự án khởi công mới còn chậm so với yêu cầu.",
            ),
        ],
        "causes_objective": [
            (
                P,
                "Nguồn thu tiền sử dụng đất đạt thấp do thị trường bất động sản trầm lắng, "
                "ảnh hưởng đến bố trí vốn đối ứng.",
            ),
        ],
        "causes_subjective": [
            (
                P,
                "Một số chủ đầu tư chưa quyết liệt trong lập hồ sơ thanh toán khối lượng "
                "hoàn thành.",
            ),
        ],
        "tasks": [
            (
                I,
                "Đôn đốc các chủ đầu tư đẩy nhanh giải ngân, phấn đấu đạt trên 80% kế hoạch "
                "vốn trước ngày 31/12/2020.",
            ),
            (I, "Tham mưu xây dựng kế hoạch phát triển kinh tế - xã hội năm 2021."),
        ],
        "requests": [
            (P, "Đề nghị UBND tỉnh sớm bổ sung vốn cho các dự án hạ tầng đô thị loại III."),
        ],
    },
    "CC-THUE": {
        "results": [
            (
                P,
                "Thu ngân sách nhà nước trên địa bàn (phần giao thu) lũy kế 9 tháng ước đạt "
                "52 tỷ đồng, bằng 69,9% dự toán, giảm 6,5% so với cùng kỳ.",
            ),
            (
                I,
                "Triển khai gia hạn nộp thuế, tiền thuê đất theo Nghị định 41/2020/NĐ-CP cho "
                "218 doanh nghiệp, hộ kinh doanh.",
            ),
            (I, "Thu hồi nợ đọng thuế 1,9 tỷ đồng."),
        ],
        "shortcomings": [
            (P, "Thu tiền sử dụng đất và thuế ngoài quốc doanh chưa đạt tiến độ dự toán."),
        ],
        "causes_objective": [
            (
                P,
                "Ảnh hưởng của dịch COVID-19, nhiều doanh nghiệp thu hẹp sản xuất, kinh "
                "doanh; chính sách gia hạn làm giảm số thu trong năm.",
            ),
        ],
        "tasks": [
            (
                I,
                "Tập trung khai thác nguồn thu, chống thất thu đối với hoạt động xây dựng "
                "tư nhân và kinh doanh vận tải.",
            ),
            (
                I,
                "Phối hợp với Phòng Tài nguyên và Môi trường đẩy nhanh đấu giá quyền sử "
                "dụng đất các khu quy hoạch.",
            ),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "CC-TK": {
        "results": [
            (
                P,
                "Giá trị sản xuất một số ngành kinh tế chủ yếu (giá so sánh 2010) 9 tháng "
                "ước tăng 9,6% so với cùng kỳ; trong đó nông, lâm nghiệp tăng 2,8%, công "
                "nghiệp - xây dựng tăng 11,2%, dịch vụ tăng 10,1%.",
            ),
            (
                P,
                "Thu nhập bình quân đầu người theo số liệu 6 tháng ước đạt 58 triệu "
                "đồng/người/năm.",
            ),
            (I, "Hoàn thành thu thập thông tin điều tra lao động việc làm quý III."),
        ],
        "shortcomings": [
            (P, "Tốc độ tăng giá trị sản xuất thấp hơn kế hoạch đề ra (trên 13%)."),
        ],
        "causes_objective": [
            (
                P,
                "Các ngành dịch vụ, vận tải, lưu trú, ăn uống giảm mạnh trong thời gian "
                "giãn cách xã hội tháng 4.",
            ),
        ],
        "tasks": [
            (I, "Thu thập số liệu ước tính 10 tháng và cả năm 2020."),
            (I, "Chuẩn bị điều tra biến động dân số ngày 01/4/2021."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "P-KT": {
        "results": [
            (
                P,
                "Tổng diện tích gieo trồng cả năm đạt 2.478 ha, bằng 100,3% kế hoạch; sản "
                "lượng lương thực lũy kế đạt 11.870 tấn, bằng 97,4% kế hoạch năm.",
            ),
            (P, "Vụ Hè Thu thu hoạch xong 100% diện tích, năng suất lúa ước đạt 51,5 tạ/ha."),
            (
                I,
                "Tiêm phòng đợt 2 cho đàn gia súc, gia cầm đạt 92% kế hoạch; không để dịch "
                "tả lợn châu Phi tái phát.",
            ),
            (I, "Kiểm tra 12 cơ sở kinh doanh vật tư nông nghiệp, nhắc nhở 03 cơ sở."),
            (
                I,
                "Hoạt động thương mại, dịch vụ dần phục hồi; tổng mức bán lẻ hàng hóa 9 tháng "
                "ước tăng 5,2% so với cùng kỳ.",
            ),
        ],
        "shortcomings": [
            (P, "Sản lượng lương thực chưa đạt kế hoạch; xây dựng cánh đồng mẫu lớn còn chậm."),
        ],
        "causes_objective": [
            (P, "Mưa lớn cuối tháng 8 làm ngập úng 35 ha lúa Hè Thu tại Đức Thuận, Trung Lương."),
        ],
        "causes_subjective": [
            (P, "Công tác phối hợp với các phường, xã trong chỉ đạo sản xuất chưa chặt chẽ."),
        ],
        "tasks": [
            (I, "Chỉ đạo sản xuất vụ Đông, phấn đấu gieo trồng 220 ha."),
            (I, "Chủ động phòng, chống lụt bão, bảo vệ sản xuất."),
            (I, "Triển khai chương trình mỗi xã một sản phẩm (OCOP) năm 2020."),
        ],
        "requests": [
            (
                P,
                "Đề nghị UBND thị xã hỗ trợ giống cây trồng vụ Đông cho các hộ bị thiệt hại "
                "do mưa lũ.",
            ),
        ],
    },
    "P-QLDT": {
        "results": [
            (
                P,
                "Công trình trung tâm thương mại, dịch vụ phường Bắc Hồng đã khởi công, đang "
                "thi công phần móng, đảm bảo tiến độ.",
            ),
            (
                P,
                "Công trình nhà văn hóa trung tâm thị xã đã khởi công, đang thi công phần "
                "thân, đảm bảo tiến độ.",
            ),
            (
                P,
                "Tiếp tục hoàn thiện hồ sơ khu công viên cây xanh trung tâm; đang chờ phê "
                "duyệt điều chỉnh quy hoạch chi tiết.",
            ),
            (I, "Cấp 46 giấy phép xây dựng; kiểm tra, xử lý 09 trường hợp xây dựng sai phép."),
            (I, "Ra quân lập lại trật tự vỉa hè trên các tuyến phố chính."),
        ],
        "shortcomings": [
            (
                P,
                "Khu không gian công cộng chưa khởi công được; một số tiêu chí đô thị loại "
                "III về hạ tầng thoát nước, cây xanh còn thấp.",
            ),
        ],
        "causes_objective": [
            (P, "Điều chỉnh quy hoạch chi tiết phải chờ ý kiến thẩm định của Sở Xây dựng."),
        ],
        "causes_subjective": [
            (P, "Công tác giải phóng mặt bằng một số dự án còn vướng mắc, chưa dứt điểm."),
        ],
        "tasks": [
            (
                I,
                "Hoàn thiện hồ sơ điều chỉnh quy hoạch khu không gian công cộng, khởi công "
                "trong quý IV.",
            ),
            (I, "Đôn đốc nhà thầu đẩy nhanh tiến độ hai công trình đang thi công."),
            (I, "Rà soát các tiêu chí đô thị loại III còn thiếu, đề xuất giải pháp."),
        ],
        "requests": [
            (
                P,
                "Đề nghị Sở Xây dựng sớm có ý kiến thẩm định điều chỉnh quy hoạch chi tiết "
                "khu trung tâm.",
            ),
        ],
    },
    "P-TNMT": {
        "results": [
            (
                P,
                "Tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt đạt 99%, vượt kế hoạch (trên 98,5%).",
            ),
            (
                I,
                "Cấp 132 giấy chứng nhận quyền sử dụng đất lần đầu; giải quyết 415 hồ sơ "
                "biến động đất đai.",
            ),
            (I, "Tổ chức đấu giá 18 lô đất ở tại khu quy hoạch Trung Lương, thu 9,6 tỷ đồng."),
        ],
        "shortcomings": [
            (
                P,
                "Tình trạng đổ rác thải không đúng nơi quy định ở một số khu vực giáp ranh "
                "còn xảy ra.",
            ),
        ],
        "causes": [
            (P, "Ý thức của một bộ phận người dân chưa cao; kiểm tra, xử lý chưa thường xuyên."),
        ],
        "tasks": [
            (I, "Chuẩn bị hồ sơ đấu giá quyền sử dụng đất các khu quy hoạch còn lại."),
            (I, "Kiểm tra công tác bảo vệ môi trường tại các cơ sở sản xuất, kinh doanh."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "P-LDTBXH": {
        "results": [
            (
                P,
                "Giải quyết việc làm mới cho 726 lao động, bằng 60,5% kế hoạch năm; xuất "
                "khẩu lao động 118 người.",
            ),
            (
                P,
                "Chi trả hỗ trợ người dân gặp khó khăn do đại dịch COVID-19 theo Nghị quyết "
                "42/NQ-CP cho 3.946 đối tượng, tổng kinh phí 4,8 tỷ đồng.",
            ),
            (I, "Tổ chức thăm, tặng quà gia đình chính sách nhân ngày Thương binh - Liệt sĩ 27/7."),
            (I, "Triển khai kế hoạch rà soát hộ nghèo, hộ cận nghèo năm 2020."),
        ],
        "shortcomings": [
            (P, "Giải quyết việc làm mới đạt thấp so với kế hoạch."),
        ],
        "causes_objective": [
            (P, "Dịch COVID-19 làm gián đoạn xuất khẩu lao động, doanh nghiệp hạn chế tuyển dụng."),
        ],
        "tasks": [
            (I, "Tổ chức phiên giao dịch việc làm tháng 10."),
            (I, "Hoàn thành điều tra, rà soát hộ nghèo, hộ cận nghèo trước ngày 30/11/2020."),
        ],
        "requests": [
            (
                P,
                "Đề nghị Sở Lao động - Thương binh và Xã hội bổ sung kinh phí đào tạo nghề "
                "cho lao động nông thôn.",
            ),
        ],
    },
    "BHXH": {
        "results": [
            (
                P,
                "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 91,5%, tăng 1,5 điểm phần trăm so "
                "với cùng kỳ.",
            ),
            (
                P,
                "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội đạt 33%, "
                "tăng 1,6 điểm phần trăm so với cùng kỳ.",
            ),
            (
                I,
                "Phối hợp với các phường, xã vận động 312 người tham gia bảo hiểm xã hội tự "
                "nguyện.",
            ),
        ],
        "shortcomings": [
            (P, "Tỷ lệ tham gia bảo hiểm xã hội còn thấp hơn kế hoạch 4 điểm phần trăm."),
        ],
        "causes_objective": [
            (P, "Thu nhập của người lao động khu vực phi chính thức giảm do dịch COVID-19."),
        ],
        "tasks": [
            (I, "Đẩy mạnh tuyên truyền, phát triển người tham gia bảo hiểm y tế hộ gia đình."),
            (I, "Đôn đốc thu nợ bảo hiểm xã hội tại các doanh nghiệp."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "P-YT": {
        "results": [
            (
                P,
                "Duy trì các biện pháp phòng, chống dịch COVID-19; giám sát 126 người từ vùng "
                "dịch về địa phương, không phát sinh ca bệnh.",
            ),
            (I, "Tiêm chủng mở rộng cho trẻ dưới 1 tuổi đạt 76% kế hoạch năm."),
            (I, "Kiểm tra an toàn thực phẩm dịp Tết Trung thu tại 38 cơ sở."),
        ],
        "shortcomings": [
            (
                P,
                "Công tác dân số - kế hoạch hóa gia đình ở một số phường còn hạn chế; tỷ lệ "
                "sinh con thứ ba có xu hướng tăng.",
            ),
        ],
        "causes_subjective": [
            (P, "Đội ngũ cộng tác viên dân số thay đổi nhiều, kinh nghiệm còn ít."),
        ],
        "tasks": [
            (I, "Tiếp tục phòng, chống dịch COVID-19, sốt xuất huyết."),
            (I, "Tổ chức chiến dịch truyền thông dân số tại các phường, xã."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "P-GDDT": {
        "results": [
            (
                P,
                "Tổ chức khai giảng năm học 2020 - 2021 an toàn; toàn thị xã có 8.920 học "
                "sinh các cấp.",
            ),
            (
                P,
                "Trường Tiểu học Bắc Hồng đã được đoàn của Sở Giáo dục và Đào tạo đánh giá "
                "ngoài, chờ công nhận đạt chuẩn quốc gia mức độ 2.",
            ),
            (I, "Kết quả thi vào lớp 10 xếp thứ 3 toàn tỉnh."),
        ],
        "shortcomings": [
            (P, "Cơ sở vật chất một số trường mầm non chưa đáp ứng yêu cầu."),
        ],
        "causes_objective": [
            (P, "Nguồn kinh phí đầu tư cơ sở vật chất còn hạn chế."),
        ],
        "tasks": [
            (I, "Hoàn thiện hồ sơ đề nghị công nhận trường đạt chuẩn quốc gia."),
            (I, "Chuẩn bị kiểm tra lại 04 trường đạt chuẩn quốc gia trong quý IV."),
        ],
        "requests": [
            (P, "Đề nghị UBND thị xã bố trí kinh phí xây dựng phòng học Trường Mầm non Đậu Liêu."),
        ],
    },
    "BCHQS": {
        "results": [
            (
                P,
                "Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; hoàn thành huấn luyện dân "
                "quân tự vệ năm 2020.",
            ),
            (I, "Tổ chức sơ tuyển, khám sức khỏe nghĩa vụ quân sự năm 2021 cho 412 thanh niên."),
            (I, "Tham gia phòng, chống dịch COVID-19 tại khu cách ly tập trung."),
        ],
        "shortcomings": [
            (P, "Không có."),
        ],
        "tasks": [
            (I, "Chuẩn bị diễn tập chiến đấu phòng thủ phường Nam Hồng."),
            (I, "Xây dựng kế hoạch phòng, chống lụt bão, tìm kiếm cứu nạn."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "CA": {
        "results": [
            (
                P,
                "Tình hình an ninh chính trị, trật tự an toàn xã hội ổn định; 6/6 phường, xã "
                "giữ vững ổn định chính trị - xã hội.",
            ),
            (I, "Điều tra, làm rõ 14/16 vụ phạm tội về trật tự xã hội, đạt 87,5%."),
            (I, "Xử lý 326 trường hợp vi phạm trật tự an toàn giao thông, phạt 286 triệu đồng."),
        ],
        "shortcomings": [
            (P, "Tai nạn giao thông tăng 02 vụ so với cùng kỳ."),
        ],
        "causes_subjective": [
            (P, "Ý thức chấp hành luật giao thông của một bộ phận thanh thiếu niên chưa cao."),
        ],
        "tasks": [
            (I, "Mở đợt cao điểm tấn công, trấn áp tội phạm dịp cuối năm."),
            (I, "Đảm bảo an ninh, trật tự Đại hội Đảng bộ tỉnh."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "P-NV": {
        "results": [
            (
                P,
                "Triển khai kế hoạch cải cách hành chính năm 2020; 100% hồ sơ thủ tục hành "
                "chính được tiếp nhận, trả kết quả qua bộ phận một cửa, tỷ lệ trả đúng hạn "
                "đạt 98,6%.",
            ),
            (I, "Hoàn thành sắp xếp tổ dân phố theo Nghị quyết của HĐND tỉnh."),
            (I, "Tổ chức xét tuyển viên chức giáo dục năm 2020, tuyển 23 chỉ tiêu."),
        ],
        "shortcomings": [
            (
                P,
                "Một số hồ sơ đất đai còn trả kết quả chậm; dịch vụ công trực tuyến mức độ "
                "3, 4 có ít người dùng.",
            ),
        ],
        "causes": [
            (
                P,
                "Người dân chưa quen nộp hồ sơ trực tuyến; hạ tầng công nghệ thông tin ở "
                "các phường, xã còn hạn chế.",
            ),
        ],
        "tasks": [
            (I, "Kiểm tra công tác cải cách hành chính tại các phường, xã."),
            (I, "Chuẩn bị hồ sơ thi đua, khen thưởng cuối năm."),
        ],
        "requests": [
            (
                P,
                "Đề nghị Sở Nội vụ hướng dẫn bố trí cán bộ không chuyên trách sau sắp xếp "
                "tổ dân phố.",
            ),
        ],
    },
    "TTR": {
        "results": [
            (
                P,
                "Tiếp 42 lượt công dân; tiếp nhận 27 đơn thư, đã giải quyết 22 đơn thuộc "
                "thẩm quyền, đạt 81,5%.",
            ),
            (
                I,
                "Kết thúc 01 cuộc thanh tra việc quản lý, sử dụng ngân sách tại phường Trung "
                "Lương, kiến nghị thu hồi 46 triệu đồng.",
            ),
        ],
        "shortcomings": [
            (P, "Còn 05 đơn chưa giải quyết xong trong thời hạn."),
        ],
        "causes": [
            (P, "Nội dung phức tạp, liên quan đến đất đai có nguồn gốc lâu năm."),
        ],
        "tasks": [
            (I, "Giải quyết dứt điểm các đơn thư tồn đọng."),
            (I, "Thanh tra công tác quản lý đất đai tại xã Thuận Lộc."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "BAC-HONG": {
        "results": [
            (
                P,
                "Diện tích gieo trồng lũy kế đạt 138 ha, sản lượng lương thực 680 tấn; giải "
                "quyết việc làm mới cho 16 lao động trong tháng.",
            ),
            (I, "Ra quân tổng vệ sinh môi trường, chỉnh trang tuyến phố văn minh Quang Trung."),
            (I, "Phối hợp giải phóng mặt bằng công trình trung tâm thương mại."),
        ],
        "shortcomings": [
            (P, "Còn 02 hộ chưa bàn giao mặt bằng dự án đường Trần Phú."),
        ],
        "causes": [
            (P, "Các hộ chưa đồng thuận với phương án bồi thường."),
        ],
        "tasks": [
            (I, "Vận động các hộ còn lại bàn giao mặt bằng trong tháng 10."),
            (I, "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại các tổ dân phố."),
        ],
        "requests": [
            (P, "Đề nghị UBND thị xã hỗ trợ kinh phí sửa chữa nhà văn hóa tổ dân phố 5."),
        ],
    },
    "NAM-HONG": {
        "results": [
            (
                P,
                "Diện tích gieo trồng lũy kế đạt 170 ha, sản lượng lương thực 840 tấn; giải "
                "quyết việc làm mới cho 15 lao động.",
            ),
            (I, "Hoàn thành thu thuế sử dụng đất phi nông nghiệp đạt 92% kế hoạch."),
        ],
        "shortcomings": [
            (
                P,
                "Công tác quản lý trật tự xây dựng còn để xảy ra 02 trường hợp xây dựng "
                "không phép.",
            ),
        ],
        "causes_subjective": [
            (P, "Kiểm tra, phát hiện chưa kịp thời."),
        ],
        "tasks": [
            (I, "Chuẩn bị diễn tập chiến đấu phòng thủ phường."),
            (I, "Xử lý dứt điểm các trường hợp vi phạm trật tự xây dựng."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "DUC-THUAN": {
        "results": [
            (
                P,
                "Diện tích gieo trồng lũy kế đạt 545 ha, sản lượng lương thực 2.740 tấn; "
                "giải quyết việc làm mới cho 16 lao động.",
            ),
            (I, "Khắc phục hậu quả mưa lớn, tiêu úng cho 20 ha lúa."),
        ],
        "shortcomings": [
            (P, "Sản lượng lúa Hè Thu giảm so với cùng kỳ."),
        ],
        "causes_objective": [
            (P, "Mưa lớn cuối tháng 8 làm ngập úng diện tích lúa vùng trũng."),
        ],
        "tasks": [
            (I, "Triển khai sản xuất vụ Đông, chủ động phòng, chống lụt bão."),
        ],
        "requests": [
            (P, "Đề nghị hỗ trợ giống lúa cho các hộ bị thiệt hại."),
        ],
    },
    "TRUNG-LUONG": {
        "results": [
            (
                P,
                "Diện tích gieo trồng lũy kế đạt 480 ha, sản lượng lương thực 2.440 tấn; "
                "giải quyết việc làm mới cho 15 lao động.",
            ),
            (I, "Hoàn thành đấu giá 18 lô đất ở khu quy hoạch Cồn Cao."),
        ],
        "shortcomings": [
            (P, "Thu ngân sách phường mới đạt 64% dự toán."),
        ],
        "causes": [
            (P, "Tiến độ đấu giá quyền sử dụng đất chậm hơn kế hoạch."),
        ],
        "tasks": [
            (I, "Đôn đốc nộp tiền trúng đấu giá, tăng thu ngân sách."),
        ],
        "requests": [
            (P, "Không có."),
        ],
    },
    "THUAN-LOC": {
        "results": [
            (
                P,
                "Diện tích gieo trồng lũy kế đạt 765 ha, sản lượng lương thực 3.820 tấn; "
                "giải quyết việc làm mới cho 16 lao động.",
            ),
            (I, "Duy trì 17/19 tiêu chí nông thôn mới nâng cao."),
            (I, "Tiêm phòng đợt 2 cho đàn trâu, bò đạt 95%."),
        ],
        "shortcomings": [
            (P, "Còn 02 tiêu chí nông thôn mới nâng cao chưa đạt (thu nhập, môi trường)."),
        ],
        "causes_objective": [
            (P, "Thu nhập người dân giảm do ảnh hưởng của dịch bệnh và thời tiết."),
        ],
        "tasks": [
            (I, "Xây dựng kế hoạch hoàn thành các tiêu chí nông thôn mới nâng cao còn thiếu."),
            (I, "Sản xuất vụ Đông 60 ha."),
        ],
        "requests": [
            (P, "Đề nghị UBND thị xã hỗ trợ xi măng làm đường giao thông nội đồng."),
        ],
    },
}


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("data/monthly")
    folder = data / "2020-09"
    folder.mkdir(parents=True, exist_ok=True)
    for unit, sections in REPORTS.items():
        narrative = Narrative(
            unit,
            "2020-09",
            {
                key: tuple(Block(kind, text) for kind, text in blocks)
                for key, blocks in sections.items()
            },  # type: ignore[misc]
        )
        (folder / f"{unit}.md").write_text(to_text(narrative), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
