from typing import Any

class Comment:
    text: str
    author: str | None
    width: float
    height: float
    def __init__(
        self, text: str, author: str | None, height: float = ..., width: float = ...
    ) -> None: ...

def __getattr__(name: str) -> Any: ...
