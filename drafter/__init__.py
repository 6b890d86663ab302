"""drafter: drafts professional networking messages from YAML playbooks."""

__version__ = "1.0.0"
