"""crm-desktop: an offline-first desktop CRM for small businesses."""

__version__ = "0.1.0"
