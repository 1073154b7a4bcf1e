"""Several offices edit and exchange packages in any order; they still converge.

A hypothesis state machine: VN, KH and the secretariat create, edit and delete
records, the secretariat accepts or returns the countries' records (reviews
are its own records), and they export packages into a mailbag; packages are delivered in random
order, some twice (recognised as already imported), some never, some tampered with, and a rogue database that
calls itself VN sends forgeries, KH squats ids that VN made, and an office
may undo its last import. An office's laptop clock may run far ahead (up to
the very last version the format holds) when it makes a change. After every
step: every database passes its integrity check; a refused package changed
nothing; a re-delivered package is reported as already imported and changed
nothing (and, once its import is undone, imports again); the numbers an office
has noted as imported are exactly those of the letters applied there; every record is owned by the
office that created it; no office's clock was moved by another's. After a
final two ordinary rounds (no --full: an undo must be healed by asking again),
every office holds the secretariat's records as the relay shows them to it (a
country without the contact details of other offices' people who did not
consent), each country sees its records' review states as the secretariat does, and each office's own records are exactly as it left them (or, after
an undo, back as it had sent them): nothing lost, nothing resurrected.

The secretariat also locks and lifts countries' years and grants exceptions
for single activities, while the countries create, edit, move and delete
activities of those years: a change a country makes once the lock has reached
it is refused there; one made before is held back at the secretariat (the
rest of its package applied) and asked for again. The final round lifts every
lock first, and the held-back changes must then arrive by ordinary packages.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
import time
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
from sqlalchemy import select, update

from app.errors import AcecError, NotFoundError, ValidationError, YearLockedError
from app.models import ClockState, LocalSetting, Organisation
from app.models.hlc import Hlc, parse, tick
from app.services.dump import dump_data
from app.services.identity import VERDICTS, decide
from app.services.locks import grant_exception, lock_year, unlock_year, year_locks
from app.services.office import init_office
from app.services.peer_stats import peer_stats
from app.services.records import (
    create_record,
    delete_record,
    get_record,
    list_records,
    update_record,
)
from app.services.reference_data import plan_item_uid
from app.services.review import ReviewFilters, review_queue
from app.services.review_verdicts import accept_records, return_records
from app.store import Database
from app.store.clock import ISSUED_FLOOR_KEY
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package
from app.sync.sequences import (
    PackageAlreadyImported,
    arrived_numbers,
    received_from,
    sent_packages,
)
from app.sync.undo import plan_undo, undo_last_import
from app.sync.withheld import contact_fields, contact_withheld

COUNTRIES = ("VN", "KH")
YEARS = (2011, 2012)
NOW_MS = int(time.time() * 1000)
DAY_MS = 86_400_000
LAST_MS = 9_999_999_999_999  # the last millisecond 13 digits hold
FAR_AHEAD = st.one_of(st.just(LAST_MS), st.integers(NOW_MS + 2 * DAY_MS, LAST_MS))
DATA_SHEETS = {"organisation": "Organisations", "person": "People", "review": "Reviews"}


def seen_by(site: str, data: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """``data`` (a dump) as the relay lets ``site`` hold it."""

    def seen(kind: str, record: dict) -> dict:
        if not contact_withheld(kind, site, record["owner"], record["fields"]):
            return record
        blank = dict.fromkeys(contact_fields(kind))
        return record | {"fields": record["fields"] | blank}

    return {kind: [seen(kind, r) for r in records] for kind, records in data.items()}


@dataclass
class Letter:
    """A package in the mailbag: who made it for whom, and whether it was ever applied."""

    path: Path
    sender: str
    recipient: str
    number: int
    applied: bool = False


class Offices(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="acec-proof-"))
        self.dbs: dict[str, Database] = {}
        self.mailbag: list[Letter] = []
        self.creator: dict[str, str] = {}
        self.undone: set[str] = set()  # offices that undid an import
        self.applied_at: dict[str, list[Letter]] = {}  # per office, the letters applied, in order
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
        # A first exchange every country has acknowledged, so an undo has something to take.
        self.create_organisation("SEC", "Before everything")
        for site in COUNTRIES:
            self._deliver_now("SEC", site)
            self._deliver_now(site, "SEC")
        for site in COUNTRIES:  # the secretariat holds a record of each country to review
            self.create_organisation(site, f"First of {site}")
            self._deliver_now(site, "SEC")

    def _deliver_now(self, sender: str, recipient: str) -> None:
        path = self._path(f"{sender}-{recipient}")
        number = export_package(self.dbs[sender], path, to=recipient).sequence
        assert import_package(self.dbs[recipient], path).applied
        letter = Letter(path, sender, recipient, number)
        self.mailbag.append(letter)
        self._applied(letter)

    def _applied(self, letter: Letter) -> None:
        letter.applied = True
        self.applied_at.setdefault(letter.recipient, []).append(letter)

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
        values = {
            "name": f"P{self.counter}",
            "country": site,
            "phone": "0012",
            "consent": data.draw(st.booleans()),
        }
        if org is not None:
            values["organisation_uid"] = org.uid
        record = create_record(self.dbs[site], "person", values)
        self.creator[record.uid] = site
        self.counter += 1

    def _locked_here(self, site: str) -> set[int]:
        """The years locked for ``site`` as its own database knows them."""
        return {i.year for i in year_locks(self.dbs[site]) if i.locked and i.country == site}

    @rule(site=st.sampled_from(COUNTRIES), year=st.sampled_from(YEARS))
    def create_activity(self, site: str, year: int) -> None:
        values = {
            "item_uid": plan_item_uid("2.5"),
            "title": f"A{self.counter}",
            "type": "training",
            "status": "completed",
            "start_date": dt.date(year, 3, 1),
        }
        self.counter += 1
        try:
            record = create_record(self.dbs[site], "activity", values)
        except YearLockedError:
            assert year in self._locked_here(site)
            return
        self.creator[record.uid] = site

    @rule(site=st.sampled_from(COUNTRIES), year=st.sampled_from(YEARS), data=st.data())
    def edit_or_move_activity(self, site: str, year: int, data: st.DataObject) -> None:
        """A new title, and the start moved to ``year`` (perhaps into or out of a locked one)."""
        activities = [r for r in self._own(site, "activity") if not r.deleted]
        if not activities:
            return
        activity = data.draw(st.sampled_from(activities))
        values = {"title": f"A{self.counter}", "start_date": dt.date(year, 6, 1)}
        self.counter += 1
        try:
            update_record(self.dbs[site], "activity", activity.uid, values)
        except YearLockedError:
            assert self._locked_here(site) & {year, activity["start_date"].year}

    @rule(country=st.sampled_from(COUNTRIES), year=st.sampled_from(YEARS), lift=st.booleans())
    def lock_or_lift(self, country: str, year: int, lift: bool) -> None:
        """The secretariat locks a country's accepted year, or lifts the lock."""
        info = (unlock_year if lift else lock_year)(self.dbs["SEC"], country, year)
        if info.uid:
            self.creator[info.uid] = "SEC"
        # A change held back comes in with its office's next package (the
        # secretariat asks for it again); an old package delivered again is a replay.

    @rule(site=st.sampled_from(COUNTRIES), data=st.data())
    def lock_while_an_edit_travels(self, site: str, data: st.DataObject) -> None:
        """The secretariat locks an activity's year while its office, not yet told, changes it.

        The change arrives at once and is held back (unless excepted); it must
        still reach the secretariat once the lock is lifted.
        """
        held = [r for r in list_records(self.dbs["SEC"], "activity") if r.owner == site]
        if not held:  # one of its activities reaches the secretariat first
            self.create_activity(site, data.draw(st.sampled_from(YEARS)))
            self._deliver_now(site, "SEC")
            held = [r for r in list_records(self.dbs["SEC"], "activity") if r.owner == site]
            if not held:
                return
        activity = data.draw(st.sampled_from(held))
        self.lock_or_lift(site, activity["start_date"].year, lift=False)
        values = {"title": f"A{self.counter}", "start_date": activity["start_date"]}
        self.counter += 1
        try:
            update_record(self.dbs[site], "activity", activity.uid, values)
        except YearLockedError:
            assert activity["start_date"].year in self._locked_here(site)
            return
        except NotFoundError:
            return  # its office deleted it meanwhile
        self._deliver_now(site, "SEC")
        kept = get_record(self.dbs["SEC"], "activity", activity.uid)
        excepted = {r["record_uid"] for r in list_records(self.dbs["SEC"], "lock_exception")}
        assert (kept["title"] == values["title"]) == (activity.uid in excepted), "not held back"

    @rule(data=st.data())
    def except_one_activity(self, data: st.DataObject) -> None:
        activities = [r for r in list_records(self.dbs["SEC"], "activity") if r.owner != "SEC"]
        if activities:
            info = grant_exception(self.dbs["SEC"], data.draw(st.sampled_from(activities)).uid)
            self.creator[info.uid] = "SEC"

    @rule(
        site=st.sampled_from((*COUNTRIES, "SEC")),
        verdict=st.sampled_from(VERDICTS),
        data=st.data(),
    )
    def decide_about_two_people(self, site: str, verdict: str, data: st.DataObject) -> None:
        """People page › Duplicates: Link or Different, about anyone's two records."""
        people = [r.uid for r in list_records(self.dbs[site], "person") if not r.deleted]
        if len(people) >= 2:
            pair = data.draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
            decision = decide(self.dbs[site], pair[0], pair[1], verdict)
            self.creator[decision.uid] = site

    @rule(site=st.sampled_from((*COUNTRIES, "SEC")), ms=FAR_AHEAD)
    def clock_runs_ahead(self, site: str, ms: int) -> None:
        """A change made while the laptop's clock said ``ms`` (2099, 2286, ...)."""
        db = self.dbs[site]
        record = create_record(db, "organisation", {"name": f"ahead {ms}", "type": "ngo"})
        self.creator[record.uid] = site
        with db.session() as session:
            state = session.scalars(select(ClockState)).one()
            state.physical_ms, state.counter = tick(state.physical_ms, state.counter, ms)
            version = str(Hlc(state.physical_ms, state.counter, site))
            session.execute(
                update(Organisation).where(Organisation.uid == record.uid).values(version=version)
            )

    @rule(site=st.sampled_from((*COUNTRIES, "SEC")), data=st.data())
    def edit(self, site: str, data: st.DataObject) -> None:
        orgs = [r for r in self._own(site, "organisation") if not r.deleted]
        if orgs:
            org = data.draw(st.sampled_from(orgs))
            update_record(self.dbs[site], "organisation", org.uid, {"name": f"edit {self.counter}"})
            self.counter += 1

    @rule(
        site=st.sampled_from((*COUNTRIES, "SEC")),
        kind=st.sampled_from(["organisation", "person", "activity"]),
        data=st.data(),
    )
    def delete(self, site: str, kind: str, data: st.DataObject) -> None:
        records = [r for r in self._own(site, kind) if not r.deleted]
        if records:
            record = data.draw(st.sampled_from(records))
            try:
                delete_record(self.dbs[site], kind, record.uid)
            except YearLockedError:
                assert record["start_date"].year in self._locked_here(site)

    @rule(accept=st.booleans(), data=st.data())
    def review(self, accept: bool, data: st.DataObject) -> None:
        """The secretariat accepts or returns some of the records it holds, several at once."""
        sec = self.dbs["SEC"]
        queue = [r.uid for r in review_queue(sec)]
        if not queue:
            return
        uids = data.draw(st.lists(st.sampled_from(queue), min_size=1, max_size=3))
        if accept:
            accept_records(sec, uids)
        else:
            return_records(sec, uids, f"Please check {self.counter}")
            self.counter += 1
        for review in list_records(sec, "review"):
            self.creator[review.uid] = "SEC"

    @rule(site=st.sampled_from(COUNTRIES), full=st.booleans())
    def export_to_secretariat(self, site: str, full: bool) -> None:
        path = self._path(f"{site}-SEC")
        number = export_package(self.dbs[site], path, to="SEC", full=full).sequence
        self.mailbag.append(Letter(path, site, "SEC", number))

    @rule(site=st.sampled_from(COUNTRIES), full=st.booleans())
    def export_from_secretariat(self, site: str, full: bool) -> None:
        path = self._path(f"SEC-{site}")
        number = export_package(self.dbs["SEC"], path, to=site, full=full).sequence
        self.mailbag.append(Letter(path, "SEC", site, number))

    @rule(site=st.sampled_from((*COUNTRIES, "SEC")))
    def undo_an_import(self, site: str) -> None:
        """Sync page › Undo last import. Ordinary exchanges must bring back what it took."""
        db = self.dbs[site]
        try:
            plan = plan_undo(db)
        except AcecError:
            return
        if site == "SEC" and plan.later_changes:
            # Nobody may send the secretariat its own records, so its own edits
            # made since that import cannot come back (the undo says they go).
            return
        undo_last_import(db)
        self.undone.add(site)
        # The letter whose import was undone may now be imported again; the others not.
        self.applied_at[site].pop().applied = False
        if site in COUNTRIES:
            # The worst order: newer records of the secretariat, in a package made on
            # the acknowledgement from before the undo, arrive before we say anything.
            self.create_organisation("SEC", f"After the undo at {site}")
            self._deliver_now("SEC", site)

    # --- the post ---------------------------------------------------------------------

    @precondition(lambda self: self.mailbag)
    @rule(data=st.data())
    def deliver(self, data: st.DataObject) -> None:
        letter = data.draw(st.sampled_from(self.mailbag))
        db = self.dbs[letter.recipient]
        if letter.applied:
            self._replayed(db, letter.path)
            return
        # A package our program made is never refused.
        assert import_package(db, letter.path).applied
        self._applied(letter)

    def _replayed(self, db: Database, path: Path) -> None:
        before = dump(db)
        try:
            import_package(db, path)
        except PackageAlreadyImported as exc:
            assert "already imported on" in exc.message
        else:
            raise AssertionError(f"{path.name} was imported again")
        assert dump(db) == before, "a re-delivered package changed the database"

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
        if letter.applied:  # the copy is the same package
            self._replayed(db, copy)
            return
        assert import_package(db, copy).applied
        self._applied(letter)
        self._replayed(db, letter.path)  # the original is recognised as the copy just imported

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

    @precondition(lambda self: "VN" in self.creator.values())
    @rule(data=st.data())
    def deliver_squatter(self, data: st.DataObject) -> None:
        """KH sends, signed with its real key, a record under an id VN made: refused at SEC.

        Whether or not SEC already holds the VN record, and whatever order the
        genuine packages then arrive in, the final round must still converge.
        """
        kh = self.dbs["KH"]
        # KH cannot hold two records under one id: it squats one it does not hold.
        held = {
            r.uid
            for kind in ("organisation", "person")
            for r in list_records(kh, kind, include_deleted=True)
        }
        victims = sorted(u for u, s in self.creator.items() if s == "VN" and u not in held)
        if not victims:
            return
        victim = data.draw(st.sampled_from(victims))
        decoy = create_record(kh, "organisation", {"name": "squat", "type": "ngo"}).uid
        self.creator[decoy] = "KH"
        path = self._path("squat")
        with sqlite3.connect(kh.path) as connection:  # what a hostile office can do
            connection.execute("UPDATE organisation SET uid = ? WHERE uid = ?", (victim, decoy))
        connection.close()
        try:
            export_package(kh, path, to="SEC")
        finally:
            with sqlite3.connect(kh.path) as connection:
                connection.execute("UPDATE organisation SET uid = ? WHERE uid = ?", (decoy, victim))
            connection.close()
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

    @invariant()
    def numbers_noted_are_the_letters_applied(self) -> None:
        """Each office has noted as imported exactly the numbers of the letters applied there."""
        for site, db in self.dbs.items():
            with db.read_session() as session:
                noted = {
                    (sender, series, n)
                    for sender in (*COUNTRIES, "SEC")
                    for series, numbers in arrived_numbers(received_from(session, sender)).items()
                    for n in numbers
                }
            letters = {(le.sender, le.recipient, le.number) for le in self.applied_at.get(site, [])}
            assert noted == letters, site

    @invariant()
    def no_clock_moved_by_another_office(self) -> None:
        """A clock is at most a day ahead of this computer's, or at its own newest version.

        Its own newest includes what it issued before an undo took those records
        (the clock keeps them beatable, app/store/clock.py).
        """
        limit = (int(time.time() * 1000) + DAY_MS, 0)
        for site, db in self.dbs.items():
            with db.read_session() as session:
                state = session.scalars(select(ClockState)).one()
                issued = session.get(LocalSetting, ISSUED_FLOOR_KEY)
            mine = [
                parse(r["version"])
                for records in dump_data(db).values()
                for r in records
                if r["owner"] == site
            ] + ([parse(issued.value)] if issued is not None and issued.value else [])
            own = max(((v.physical_ms, v.counter) for v in mine), default=(0, 0))
            assert (state.physical_ms, state.counter) <= max(limit, own), (site, state.physical_ms)

    def final_round(self) -> None:
        for info in year_locks(self.dbs["SEC"]):  # what a lock held back must now come in
            if info.locked:
                unlock_year(self.dbs["SEC"], info.country, info.year)
        own_before = {site: self._own_dump(site) for site in self.dbs}
        for n in range(2):  # a secretariat's undo takes one round to be asked for again
            for site in COUNTRIES:
                path = self._path(f"final{n}-{site}")
                number = export_package(self.dbs[site], path, to="SEC").sequence
                import_package(self.dbs["SEC"], path)
                self.applied_at["SEC"].append(Letter(path, site, "SEC", number, applied=True))
            for site in COUNTRIES:
                path = self._path(f"final{n}-SEC-{site}")
                export_package(self.dbs["SEC"], path, to=site)
                import_package(self.dbs[site], path)
        # Converged: each office holds the secretariat's records as the relay shows
        # them to it (contact details of people without consent withheld).
        everything = dump_data(self.dbs["SEC"])
        for site, db in self.dbs.items():
            assert dump_data(db) == seen_by(site, everything), f"{site} did not converge"
        for site in COUNTRIES:  # and each office sees its records' review states as SEC does
            there = {(r.uid, r.state, r.reason) for r in review_queue(self.dbs[site])}
            at_sec = review_queue(self.dbs["SEC"], ReviewFilters(country=site))
            assert there == {(r.uid, r.state, r.reason) for r in at_sec}, site
        self._receipts_are_true()
        for site in self.dbs:
            if site in self.undone:  # own records the undo took came back from SEC
                continue
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

    def _receipts_are_true(self) -> None:
        """After the final round each country knows which of its packages SEC applied."""
        for site in COUNTRIES:
            (row,) = peer_stats(self.dbs[site])
            assert row.unacknowledged == 0, site
            applied = {le.number for le in self.applied_at["SEC"] if le.sender == site}
            with self.dbs[site].read_session() as session:
                sent = {s.number for s in sent_packages(session) if s.series == "SEC"}
            assert row.not_confirmed == sorted(sent - applied), site

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
