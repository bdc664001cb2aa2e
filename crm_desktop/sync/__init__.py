"""Offline replica <-> office server synchronisation (see the sync issue)."""
