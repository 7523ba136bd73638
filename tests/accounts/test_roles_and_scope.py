"""Who sees what, enforced in the store: whatever filter or id is asked for."""

from __future__ import annotations

import inspect

import pytest

from mi_trainer.accounts import AccountError, Role, ScopedStore, ScopeError
from mi_trainer.practice import PracticeStore
from mi_trainer.scoring import score_transcript
from mi_trainer.storage import ReviewStore, SessionStore, StorageError
from mi_trainer.transcript import Transcript


def scoped(shared, name):
    store, accounts, _ = shared
    return ScopedStore(store, accounts.get(name).identity)


def names(rows):
    return sorted({r.practitioner for r in rows})


ALL = ["Ada Admin", "Maria Lopez", "Olu Ade", "Priya Shah", "Sam Jones"]
NORTH = ["Maria Lopez", "Priya Shah", "Sam Jones"]


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("Sam Jones", ["Sam Jones"]),
        ("Maria Lopez", NORTH),
        ("Tom Reid", []),
        ("Ada Admin", ALL),
    ],
)
def test_each_role_lists_only_what_it_may_see(shared, who, sees):
    view = scoped(shared, who)
    assert names(view.list_sessions()) == sees
    assert sorted(view.filter_choices().practitioners) == sees
    assert view.count_sessions() == len(sees)


@pytest.mark.parametrize(
    "filters",
    [
        {"practitioner": "Priya Shah"},
        {"practitioner": "Olu Ade", "team": "South"},
        {"team": "South"},
        {"team": "North", "practitioner": "Priya Shah"},
        {"team": "South", "practitioner": "Sam Jones"},
        {"scenario": "mum-drinking", "practitioner": "Olu Ade"},
    ],
)
def test_a_practitioner_asking_for_others_gets_nothing_whatever_the_filter(shared, filters):
    view = scoped(shared, "Sam Jones")
    assert view.list_sessions(**filters) == []
    assert list(view.export_sessions(**filters)) == []
    report = view.report(**filters).to_dict()
    assert report["practitioners"] == [] and report["teams"] == []
    for other in ("Priya Shah", "Olu Ade", "Maria Lopez", "Ada Admin"):
        assert view.practitioner_trend(other) == []


def test_a_practitioner_reports_on_their_own_sessions_only(shared):
    view = scoped(shared, "Sam Jones")
    report = view.report().to_dict()
    assert [p["name"] for p in report["practitioners"]] == ["Sam Jones"]
    assert [rec["session"]["practitioner"] for rec in view.export_sessions()] == ["Sam Jones"]


def test_a_manager_never_reaches_another_team(shared):
    view = scoped(shared, "Maria Lopez")
    assert view.list_sessions(team="South") == []
    assert view.list_sessions(practitioner="Olu Ade") == []
    assert names(view.list_sessions(practitioner="Priya Shah")) == ["Priya Shah"]
    assert view.practitioner_trend("Olu Ade") == []


@pytest.mark.parametrize("method", ["load", "score_of", "status_of", "resume", "close_incomplete"])
def test_another_persons_session_id_looks_like_no_session_at_all(shared, method):
    _, _, sids = shared
    view = scoped(shared, "Sam Jones")
    # Closing takes the caller's score (the store never scores a session itself).
    more = (score_transcript(Transcript()),) if method == "close_incomplete" else ()
    with pytest.raises(StorageError, match="No session") as refused:
        getattr(view, method)(sids["Priya Shah"], *more)
    with pytest.raises(StorageError, match="No session") as missing:
        getattr(view, method)("no-such-id", *more)
    assert str(refused.value).replace(sids["Priya Shah"], "X") == str(missing.value).replace(
        "no-such-id", "X"
    )


def test_a_practitioner_cannot_write_into_anothers_session(shared, kit):
    store, _, sids = shared
    view = scoped(shared, "Sam Jones")
    before = store.load(sids["Priya Shah"])
    with pytest.raises(StorageError):
        view.append_turn(sids["Priya Shah"], kit.practice("x", None).turns[0])
    with pytest.raises(StorageError):
        view.finish_session(sids["Priya Shah"], before, score_transcript(before))
    assert store.load(sids["Priya Shah"]).turns == before.turns
    assert store.status_of(sids["Priya Shah"]) == "in_progress"


def test_the_account_not_the_typed_name_says_who_practised(shared, kit):
    store, _, _ = shared
    view = scoped(shared, "Sam Jones")
    sid = view.start_session(kit.practice("Someone Else", "South"))
    saved = store.load(sid)
    assert (saved.practitioner, saved.team) == ("Sam Jones", "North")
    assert view.load(sid).session_id == sid


def test_a_trainers_tries_are_never_saved_as_practice(shared, kit):
    store, _, _ = shared
    before = store.count_sessions()
    with pytest.raises(ScopeError, match="trainer"):
        scoped(shared, "Tom Reid").start_session(kit.practice("Tom Reid", None))
    assert store.count_sessions() == before


def test_only_an_admin_purges_or_imports_and_each_is_audited(shared):
    store, accounts, _ = shared
    for who in ("Sam Jones", "Maria Lopez", "Tom Reid"):
        with pytest.raises(ScopeError, match="may not purge"):
            scoped(shared, who).purge("2030-01-01")
        with pytest.raises(ScopeError, match="may not import"):
            scoped(shared, who).import_sessions([])
    admin = ScopedStore(
        store,
        accounts.get("Ada Admin").identity,
        audit=lambda action, detail: accounts.audit("Ada Admin", action, detail),
    )
    assert admin.purge("2030-01-01").sessions == 5
    assert store.count_sessions() == 0
    entry = accounts.audit_log(action="purge")[0]
    assert (entry.actor, entry.detail["sessions"]) == ("Ada Admin", 5)


def test_exports_are_audited_with_who_and_what(shared):
    store, accounts, _ = shared
    view = ScopedStore(
        store,
        accounts.get("Maria Lopez").identity,
        audit=lambda action, detail: accounts.audit("Maria Lopez", action, detail),
    )
    assert len(list(view.export_sessions(scenario="mum-drinking"))) == 3
    entry = accounts.audit_log(action="export")[0]
    assert entry.actor == "Maria Lopez"
    assert entry.detail == {"team": "North", "scenario": "mum-drinking"}


def test_interrupted_sessions_offered_are_only_ones_own(shared):
    # Priya's session is interrupted: her manager sees it in History but cannot resume it.
    assert names(scoped(shared, "Maria Lopez").incomplete_sessions(include_live=True)) == []
    assert names(scoped(shared, "Ada Admin").incomplete_sessions(include_live=True)) == []
    assert names(scoped(shared, "Priya Shah").incomplete_sessions(include_live=True)) == [
        "Priya Shah"
    ]


def test_every_store_method_is_scoped_or_refused():
    """A query added to SessionStore stays closed to signed-in people until it is scoped."""
    public = {
        n
        for n, _ in inspect.getmembers(SessionStore)
        if not n.startswith("_") and n not in {"open"}
    }
    missing = sorted(n for n in public if not hasattr(ScopedStore, n))
    assert missing == [], f"scope these store methods in accounts/scoped.py: {missing}"


def test_scoped_methods_take_the_stores_arguments_in_the_same_places():
    for name, member in inspect.getmembers(SessionStore, inspect.isfunction):
        if name.startswith("_") or name == "open":
            continue
        ours = inspect.signature(getattr(ScopedStore, name)).parameters
        theirs = inspect.signature(member).parameters
        if "args" in ours:  # an admin-only operation passed on unchanged
            continue
        assert list(ours)[: len(theirs)] == list(theirs), name
        assert not any(p.kind is p.VAR_KEYWORD for p in ours.values()), name


@pytest.mark.parametrize("protocol", [ReviewStore, PracticeStore])
@pytest.mark.parametrize("store", [SessionStore, ScopedStore])
def test_both_stores_are_what_the_app_is_typed_against(protocol, store):
    """The app holds a SessionStore or a ScopedStore as one interface (tui.services.AppStore):
    each has every member of its protocols, taking the same arguments (and any more only
    with a default: ``status=``, ``include_live=``)."""
    for name, member in vars(protocol).items():
        if name.startswith("_"):
            continue
        assert hasattr(store, name), f"{store.__name__} lacks {protocol.__name__}.{name}"
        if inspect.isfunction(member):
            theirs = list(inspect.signature(member).parameters)
            ours = list(inspect.signature(getattr(store, name)).parameters.values())
            assert [p.name for p in ours[: len(theirs)]] == theirs, name
            assert all(p.default is not p.empty for p in ours[len(theirs) :]), name


def test_unknown_store_methods_are_not_passed_through(shared):
    view = scoped(shared, "Ada Admin")
    with pytest.raises(AttributeError):
        view._store_conn_hack  # noqa: B018


def test_accounts_are_checked_when_added(shared, kit):
    _, accounts, _ = shared
    with pytest.raises(AccountError, match="already an account"):
        accounts.add("sam jones", "North", "practitioner", kit.PASSWORD)
    with pytest.raises(AccountError, match="not a role"):
        accounts.add("New Person", "North", "boss", kit.PASSWORD)
    with pytest.raises(AccountError, match=r"give .* a --team"):
        accounts.add("New Manager", None, "manager", kit.PASSWORD)
    with pytest.raises(AccountError, match="not a usable name"):
        accounts.add("\x1b[31mred", None, "practitioner", kit.PASSWORD)
    assert accounts.get("SAM JONES").role is Role.PRACTITIONER


def test_disable_and_reset_end_every_sign_in(shared, kit):
    _, accounts, _ = shared
    sam = accounts.check_password("Sam Jones", kit.PASSWORD)
    token, _ = accounts.start_login(sam)
    assert accounts.identity_for(token).name == "Sam Jones"
    accounts.reset_password("Sam Jones", "a new long password")
    assert accounts.identity_for(token) is None
    assert accounts.check_password("Sam Jones", kit.PASSWORD) is None
    token, _ = accounts.start_login(accounts.check_password("Sam Jones", "a new long password"))
    accounts.set_disabled("Sam Jones")
    assert accounts.identity_for(token) is None
    assert accounts.check_password("Sam Jones", "a new long password") is None
    actions = [e.action for e in accounts.audit_log()][:4]
    assert actions == ["account_disabled", "sign_in", "password_reset", "sign_in"]


def test_a_sign_in_expires(tmp_path, kit):
    now = [1000.0]
    store = SessionStore.open(tmp_path / "x.db")
    from mi_trainer.accounts import AccountStore

    accounts = AccountStore(store, clock=lambda: now[0])
    accounts.add("Sam Jones", "North", "practitioner", kit.PASSWORD)
    token, expires = accounts.start_login(accounts.get("Sam Jones"), hours=1)
    assert expires == 4600
    assert accounts.identity_for(token) is not None
    now[0] = 4600
    assert accounts.identity_for(token) is None
    store.close()
