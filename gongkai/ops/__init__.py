"""Operator commands that span several domains; in the top layer so they may use every app."""
