"""Test support shared by every suite: the named world and fixtures."""
