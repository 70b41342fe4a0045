"""Reminders about placement agreements and their subsidies: the periodic scans beat runs."""

from subsidies.reminders import agreements, cases

__all__ = ["agreements", "cases"]
