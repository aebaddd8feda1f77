"""Standard output and error as the office's machines need them (docs/contract.md §12).

On Windows, Python writes to a file or a pipe (``> bao-cao.txt``, ``| more``, a .bat log) in
the console's code page: cp1258 on a Vietnamese machine, which has no "ỗ" and no box
drawing, and every command then died of a ``UnicodeEncodeError`` — after its action was
done. So at the start of a run (:func:`install`):

- both streams are switched to UTF-8 whatever the code page, locale (``LANG=C``) or
  ``PYTHONIOENCODING`` say; a character that cannot be encoded at all (a lone surrogate
  from an undecodable file name) is written as a backslash escape, never an exception. A
  real Windows console keeps Python's own console writer, which is already Unicode;
- every write goes through :class:`GuardedStream`: a stream that fails (a closed pipe, a
  full disk, a console gone) is noted and then written to no more, and the command goes on
  to its end. So printing can never interrupt an action half-way, nor turn a stored
  submission, a locked month or a written file into a failure;
- :func:`exit_code` says how the run ends: the command's own code, except that a read-only
  command whose output was cut off (``kehoach status | head -1``) ends with the status a
  process killed by SIGPIPE has (141), quietly, as other command-line tools do — not 1,
  which here means "the input has errors".
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from kehoach.core.i18n import Localized

# 128 + SIGPIPE, the status a shell reports for a tool whose reader went away.
EXIT_BROKEN_PIPE = 141


class GuardedStream:
    """A text stream whose write and flush never raise: a failure is noted and the rest
    of the output is dropped (see the module docstring)."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        if self._stream is None:
            if text and self.failed is None:
                self.failed = OSError(errno.EBADF, os.strerror(errno.EBADF))
        elif self.failed is None:
            try:
                return self._stream.write(text)
            except OSError as exc:  # BrokenPipeError, EPIPE/EINVAL on Windows, ENOSPC…
                self._fail(exc)
        return len(text)

    def flush(self) -> None:
        if self._stream is not None and self.failed is None:
            try:
                self._stream.flush()
            except OSError as exc:
                self._fail(exc)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def _fail(self, exc: OSError) -> None:
        self.failed = exc
        # What is still buffered would fail again when Python flushes at exit (printing
        # "Exception ignored … BrokenPipeError" and exiting 120): send the descriptor to
        # the null device so that the last flush succeeds and says nothing.
        try:
            fd = self._stream.fileno()
        except (OSError, ValueError, AttributeError):
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
        except OSError:
            pass

    @property
    def buffer(self):
        """The binary stream under it (``template`` writes a form's bytes there), guarded
        the same way and sharing the same failure."""
        return _GuardedBuffer(self)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str):  # fileno, encoding, buffer… as the stream's
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class _GuardedBuffer:
    def __init__(self, text: GuardedStream) -> None:
        self._text = text

    def write(self, data: bytes) -> int:
        text = self._text
        if text._stream is None:
            if data and text.failed is None:
                text.failed = OSError(errno.EBADF, os.strerror(errno.EBADF))
        elif text.failed is None:
            try:
                text._stream.flush()  # what was printed as text goes first
                return text._stream.buffer.write(data)
            except OSError as exc:
                text._fail(exc)
        return len(data)

    def flush(self) -> None:
        text = self._text
        if text._stream is not None and text.failed is None:
            try:
                text._stream.buffer.flush()
            except OSError as exc:
                text._fail(exc)

    def __getattr__(self, name: str):
        if self._text._stream is None:
            raise AttributeError(name)
        return getattr(self._text._stream.buffer, name)


def _utf8(stream):
    """``stream`` writing UTF-8 (a text stream over a file or pipe), or as it is."""
    if stream is None:
        return None
    if type(stream).__name__ != "TextIOWrapper" or not hasattr(stream, "reconfigure"):
        return stream  # a test's capture, or already ours
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if type(raw).__name__ == "_WindowsConsoleIO":
        return stream  # a real Windows console: Python already writes Unicode to it
    with contextlib.suppress(OSError, ValueError, AttributeError):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


def install() -> None:
    """Switch sys.stdout and sys.stderr to guarded UTF-8 streams (once per process)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, GuardedStream):
            continue
        # None: closed at start (>&-), or pythonw without a console.
        setattr(sys, name, GuardedStream(None if stream is None else _utf8(stream)))


def finish() -> None:
    """Flush both streams at the end of a run, through the guard."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()


_acted = False


def mark_acted() -> None:
    """The running command may change something (store, lock, write a file): its own exit
    code stands whatever happens to its printing (docs/contract.md §12)."""
    global _acted
    _acted = True


def _broken_pipe(exc: OSError) -> bool:
    # Windows says EINVAL when the reader of a pipe has gone.
    return isinstance(exc, BrokenPipeError) or exc.errno in (errno.EPIPE, errno.EINVAL)


OUTPUT_LOST = Localized(
    "kehoach: không ghi được kết quả: {reason}", "kehoach: could not write the output: {reason}"
)


def exit_code(code: int, lang: str = "vi") -> int:
    """How the run ends: the command's ``code``, unless a read-only command lost its
    output: 141 for a closed pipe (quietly), 2 with a line on stderr for any other failure
    (a full disk: the output is not all there)."""
    finish()
    if _acted:
        return code
    failures = [
        s.failed
        for s in (sys.stdout, sys.stderr)
        if isinstance(s, GuardedStream) and s.failed is not None
    ]
    if not failures:
        return code
    if all(_broken_pipe(exc) for exc in failures):
        return EXIT_BROKEN_PIPE
    if isinstance(sys.stderr, GuardedStream) and sys.stderr.failed is None:
        reason = failures[0].strerror or type(failures[0]).__name__
        sys.stderr.write(OUTPUT_LOST(lang).format(reason=reason) + "\n")
        finish()
    return 2
