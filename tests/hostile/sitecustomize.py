"""Loaded by every process the hostile suite starts: any network connection is an error."""

import socket


def _refuse(*args: object, **kwargs: object) -> None:
    raise RuntimeError("edcheck tried to open a network connection")


socket.socket.connect = _refuse  # type: ignore[method-assign]
socket.create_connection = _refuse  # type: ignore[assignment]
