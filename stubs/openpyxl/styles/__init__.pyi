from typing import Any

class PatternFill:
    def __init__(
        self,
        fill_type: str | None = ...,
        start_color: str | None = ...,
        end_color: str | None = ...,
    ) -> None: ...

class Font:
    def __init__(self, **kwargs: Any) -> None: ...

def __getattr__(name: str) -> Any: ...
