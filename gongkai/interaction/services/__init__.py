"""Writes of public participation; every state change is recorded in the register (登记簿)."""
