"""Several offices edit and exchange packages in any order; they still converge.

A hypothesis state machine: VN, KH and the secretariat create, edit and delete
records and export packages into a mailbag; packages are delivered in random
order, some twice, some never, some tampered with, and a rogue database that
calls itself VN sends forgeries. After every step: every database passes its
integrity check; a refused package changed nothing; a re-delivered package
changed nothing; every record is owned by the office that created it. After a
final full round, every office's dump is identical and each office's own
records are exactly as it left them: nothing lost, nothing resurrected.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sites import LONG, assert_sound, dump, examples, trust_each_other

from app.errors import ValidationError
from app.services.dump import dump_data
from app.services.office import init_office
from app.services.records import create_record, delete_record, list_records, update_record
from app.store import Database
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package

COUNTRIES = ("VN", "KH")
DATA_SHEETS = {"organisation": "Organisations", "person": "People"}


@dataclass
class Letter:
    """A package in the mailbag: who made it for whom, and whether it was ever applied."""

    path: Path
    sender: str
    recipient: str
    applied: bool = False


class Offices(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="acec-proof-"))
        self.dbs: dict[str, Database] = {}
        self.mailbag: list[Letter] = []
        self.creator: dict[str, str] = {}
        self.counter = 0

    @initialize()
    def open_offices(self) -> None:
        for site in (*COUNTRIES, "SEC"):
            self.dbs[site] = init_office(self.folder / f"{site}.sqlite", site)
        self.rogue = init_office(self.folder / "rogue.sqlite", "VN", "Not really Viet Nam")
        trust_each_other(*self.dbs.values())
        self.reference_uids = {
            r["uid"] for records in dump_data(self.dbs["SEC"]).values() for r in records
        }

    def teardown(self) -> None:
        for db in [*self.dbs.values(), getattr(self, "rogue", None)]:
            if db is not None:
                db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self, tag: str) -> Path:
        self.counter += 1
        return self.folder / f"{self.counter:04d}-{tag}.xlsx"

    def _own(self, site: str, kind: str) -> list:
        return [r for r in list_records(self.dbs[site], kind) if r.owner == site]

    # --- what officers do -------------------------------------------------------------

    @rule(site=st.sampled_from((*COUNTRIES, "SEC")), name=st.text(min_size=1, max_size=12))
    def create_organisation(self, site: str, name: str) -> None:
        if not name.strip():
            name = "x"
        try:
            record = create_record(self.dbs[site], "organisation", {"name": name, "type": "ngo"})
        except ValidationError:
            return  # text a workbook cannot keep is refused when typed (test_odd_text)
        self.creator[record.uid] = site

    @rule(site=st.sampled_from(COUNTRIES), data=st.data())
    def create_person(self, site: str, data: st.DataObject) -> None:
        orgs = [r for r in self._own(site, "organisation") if not r.deleted]
        org = data.draw(st.sampled_from([None, *orgs])) if orgs else None
        values = {"name": f"P{self.counter}", "country": site, "phone": "0012"}
        if org is not None:
            values["organisation_uid"] = org.uid
        record = create_record(self.dbs[site], "person", values)
        self.creator[record.uid] = site
        self.counter += 1

    @rule(site=st.sampled_from((*COUNTRIES, "SEC")), data=st.data())
    def edit(self, site: str, data: st.DataObject) -> None:
        orgs = [r for r in self._own(site, "organisation") if not r.deleted]
        if orgs:
            org = data.draw(st.sampled_from(orgs))
            update_record(self.dbs[site], "organisation", org.uid, {"name": f"edit {self.counter}"})
            self.counter += 1

    @rule(
        site=st.sampled_from((*COUNTRIES, "SEC")),
        kind=st.sampled_from(["organisation", "person"]),
        data=st.data(),
    )
    def delete(self, site: str, kind: str, data: st.DataObject) -> None:
        records = [r for r in self._own(site, kind) if not r.deleted]
        if records:
            delete_record(self.dbs[site], kind, data.draw(st.sampled_from(records)).uid)

    @rule(site=st.sampled_from(COUNTRIES), full=st.booleans())
    def export_to_secretariat(self, site: str, full: bool) -> None:
        path = self._path(f"{site}-SEC")
        export_package(self.dbs[site], path, to="SEC", full=full)
        self.mailbag.append(Letter(path, site, "SEC"))

    @rule(site=st.sampled_from(COUNTRIES), full=st.booleans())
    def export_from_secretariat(self, site: str, full: bool) -> None:
        path = self._path(f"SEC-{site}")
        export_package(self.dbs["SEC"], path, to=site, full=full)
        self.mailbag.append(Letter(path, "SEC", site))

    # --- the post ---------------------------------------------------------------------

    @precondition(lambda self: self.mailbag)
    @rule(data=st.data())
    def deliver(self, data: st.DataObject) -> None:
        letter = data.draw(st.sampled_from(self.mailbag))
        db = self.dbs[letter.recipient]
        before = dump(db)
        result = import_package(db, letter.path)  # a package our program made is never refused
        assert result.applied
        if letter.applied:
            assert dump(db) == before, "a re-delivered package changed the database"
        letter.applied = True

    @precondition(lambda self: self.mailbag)
    @rule(data=st.data())
    def deliver_tampered(self, data: st.DataObject) -> None:
        """A value changed in Excel (owner, version, deleted flag or a field): refused."""
        letter = data.draw(st.sampled_from(self.mailbag))
        book = openpyxl.load_workbook(letter.path)
        sheets = [book[t] for t in DATA_SHEETS.values() if t in book.sheetnames]
        sheets = [s for s in sheets if s.max_row >= 3]
        if sheets:
            sheet = data.draw(st.sampled_from(sheets))
            row = data.draw(st.integers(3, sheet.max_row))
            column = data.draw(st.sampled_from([2, 3, 4, 5]))
            cell = sheet.cell(row=row, column=column)
            old = cell.value
            if column == 2:
                cell.value = "KH" if old != "KH" else "VN"
            elif column == 3:
                cell.value = f"{old}1"
            elif column == 4:
                cell.value = not old
            else:
                cell.value = f"{old or ''}x"
        else:
            cell = book["Manifest"].cell(row=3, column=2)
            cell.value = f"{cell.value}x"
        if isinstance(cell.value, str):
            cell.data_type = "s"
        forged = self._path("tampered")
        book.save(forged)
        self._refused(self.dbs[letter.recipient], forged)

    @precondition(lambda self: self.mailbag)
    @rule(data=st.data())
    def deliver_resaved(self, data: st.DataObject) -> None:
        """Opened and saved again without changes: imported exactly as the original."""
        letter = data.draw(st.sampled_from(self.mailbag))
        copy = self._path("resaved")
        openpyxl.load_workbook(letter.path).save(copy)
        db = self.dbs[letter.recipient]
        assert import_package(db, copy).applied
        after = dump(db)
        assert import_package(db, letter.path).applied
        assert dump(db) == after, "the re-saved copy did not import what the original does"
        letter.applied = True

    @rule(name=st.text(min_size=1, max_size=8))
    def deliver_forgery(self, name: str) -> None:
        """A rogue database calling itself VN signs with its own key: refused at SEC."""
        try:
            create_record(self.rogue, "organisation", {"name": name.strip() or "x", "type": "ngo"})
        except ValidationError:
            return  # refused when typed, so there is nothing to forge with
        path = self._path("forged")
        export_package(self.rogue, path, to="SEC", full=True)
        self._refused(self.dbs["SEC"], path)

    def _refused(self, db: Database, path: Path) -> None:
        before = dump(db)
        try:
            import_package(db, path)
        except PackageRefused:
            pass
        else:
            raise AssertionError(f"{path.name} was imported")
        assert dump(db) == before, "a refused package changed the database"

    # --- always true ------------------------------------------------------------------

    @invariant()
    def sound_and_owned_by_their_makers(self) -> None:
        for site, db in self.dbs.items():
            assert_sound(db)
            for records in dump_data(db).values():
                for record in records:
                    if record["uid"] in self.reference_uids:
                        continue
                    assert record["owner"] == self.creator[record["uid"]], (site, record)

    def final_round(self) -> None:
        own_before = {site: self._own_dump(site) for site in self.dbs}
        for site in COUNTRIES:
            path = self._path(f"final-{site}")
            export_package(self.dbs[site], path, to="SEC", full=True)
            import_package(self.dbs["SEC"], path)
        for site in COUNTRIES:
            path = self._path(f"final-SEC-{site}")
            export_package(self.dbs["SEC"], path, to=site, full=True)
            import_package(self.dbs[site], path)
        dumps = {site: dump(db) for site, db in self.dbs.items()}
        assert len(set(dumps.values())) == 1, "offices did not converge"
        for site in self.dbs:
            assert self._own_dump(site) == own_before[site], f"{site}'s own records changed"
        everyone = dump_data(self.dbs["SEC"])
        for site in self.dbs:  # and what each office made is what everyone now holds
            mine = {
                r["uid"]: r for records in everyone.values() for r in records if r["owner"] == site
            }
            assert mine == {
                r["uid"]: r
                for records in dump_data(self.dbs[site]).values()
                for r in records
                if r["owner"] == site
            }

    def _own_dump(self, site: str) -> list:
        return [
            r
            for records in dump_data(self.dbs[site]).values()
            for r in records
            if r["owner"] == site and r["uid"] not in self.reference_uids
        ]


class OfficesThatFinish(Offices):
    """The same machine, which ends every run with a full round and checks convergence."""

    def teardown(self) -> None:
        try:
            if self.dbs:
                self.final_round()
        finally:
            super().teardown()


OfficesThatFinish.TestCase.settings = settings(
    examples(short=6, long=150), stateful_step_count=40 if LONG else 15
)
TestConvergence = OfficesThatFinish.TestCase
