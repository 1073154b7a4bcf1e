"""Declarative base, the sync columns every shared record carries, and column types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Boolean, Integer, MetaData, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Money(TypeDecorator[Decimal]):
    """An amount with two decimals, stored as integer hundredths.

    Integers sum exactly in SQL on SQLite and PostgreSQL alike; SQLite has no
    decimal type and would round through floats.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal (an exchange rate) stored as its text."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def info(
    label: str,
    *,
    required: bool = False,
    codes: str | None = None,
    ref: str | None = None,
    kind: str | None = None,
    multi: bool = False,
) -> dict[str, Any]:
    """Describe a field for validation, forms, packages and dumps.

    ``codes`` names a code list (see ``app.models.codes``); ``ref`` names the
    record kind a uid points to; ``multi`` marks a space-separated list of codes.
    """
    return {
        "label": label,
        "required": required,
        "codes": codes,
        "ref": ref,
        "kind": kind,
        "multi": multi,
    }


class SyncedRecord(Base):
    """Columns every record shared between sites carries (DESIGN.md, sync model)."""

    __abstract__ = True

    __kind__: ClassVar[str]
    __label__: ClassVar[str]
    __plural__: ClassVar[str]
    # Which site may own records of this kind: "any", or "SEC" for the plan
    # structure and reference data.
    __owned_by__: ClassVar[str] = "any"
    # Fields that reach offices other than the owner and the secretariat only
    # when the record's ``__consent_field__`` is true (a person's e-mail, phone).
    __contact_fields__: ClassVar[tuple[str, ...]] = ()
    __consent_field__: ClassVar[str] = ""

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner: Mapped[str] = mapped_column(String(3), index=True)
    version: Mapped[str] = mapped_column(String(40), index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


LongText = Text
