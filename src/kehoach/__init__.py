"""kehoach: track a local government's annual socio-economic plan from plain files."""

__version__ = "0.1.0"
