# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The typed namespaces of :class:`~mailru_sdk.api.API`, one attribute per namespace."""

from __future__ import annotations

from mailru_sdk._generated.resources.achievements import AchievementsNamespace
from mailru_sdk._generated.resources.audio import AudioNamespace
from mailru_sdk._generated.resources.audios import AudiosNamespace
from mailru_sdk._generated.resources.events import EventsNamespace
from mailru_sdk._generated.resources.friends import FriendsNamespace
from mailru_sdk._generated.resources.guestbook import GuestbookNamespace
from mailru_sdk._generated.resources.mail import MailNamespace
from mailru_sdk._generated.resources.messages import MessagesNamespace
from mailru_sdk._generated.resources.mobile import MobileNamespace
from mailru_sdk._generated.resources.multipost import MultipostNamespace
from mailru_sdk._generated.resources.notifications import NotificationsNamespace
from mailru_sdk._generated.resources.photos import PhotosNamespace
from mailru_sdk._generated.resources.score import ScoreNamespace
from mailru_sdk._generated.resources.stream import StreamNamespace
from mailru_sdk._generated.resources.titles import TitlesNamespace
from mailru_sdk._generated.resources.users import UsersNamespace
from mailru_sdk._generated.resources.widget import WidgetNamespace
from mailru_sdk.sessions import TokenSession

__all__ = ["GeneratedAPI"]

METHOD_COUNT = 54


class GeneratedAPI:
    """The catalogued namespaces (54 methods), bound to ``session``."""

    session: TokenSession
    achievements: AchievementsNamespace
    """The ``achievements.*`` methods of the platform."""
    audio: AudioNamespace
    """The ``audio.*`` methods of the platform."""
    audios: AudiosNamespace
    """The ``audios.*`` methods of the platform."""
    events: EventsNamespace
    """The ``events.*`` methods of the platform."""
    friends: FriendsNamespace
    """The ``friends.*`` methods of the platform."""
    guestbook: GuestbookNamespace
    """The ``guestbook.*`` methods of the platform."""
    mail: MailNamespace
    """The ``mail.*`` methods of the platform."""
    messages: MessagesNamespace
    """The ``messages.*`` methods of the platform."""
    mobile: MobileNamespace
    """The ``mobile.*`` methods of the platform."""
    multipost: MultipostNamespace
    """The ``multipost.*`` methods of the platform."""
    notifications: NotificationsNamespace
    """The ``notifications.*`` methods of the platform."""
    photos: PhotosNamespace
    """The ``photos.*`` methods of the platform."""
    score: ScoreNamespace
    """The ``score.*`` methods of the platform."""
    stream: StreamNamespace
    """The ``stream.*`` methods of the platform."""
    titles: TitlesNamespace
    """The ``titles.*`` methods of the platform."""
    users: UsersNamespace
    """The ``users.*`` methods of the platform."""
    widget: WidgetNamespace
    """The ``widget.*`` methods of the platform."""

    def __init__(self, session: TokenSession) -> None:
        self.session = session
        self.achievements = AchievementsNamespace(session)
        self.audio = AudioNamespace(session)
        self.audios = AudiosNamespace(session)
        self.events = EventsNamespace(session)
        self.friends = FriendsNamespace(session)
        self.guestbook = GuestbookNamespace(session)
        self.mail = MailNamespace(session)
        self.messages = MessagesNamespace(session)
        self.mobile = MobileNamespace(session)
        self.multipost = MultipostNamespace(session)
        self.notifications = NotificationsNamespace(session)
        self.photos = PhotosNamespace(session)
        self.score = ScoreNamespace(session)
        self.stream = StreamNamespace(session)
        self.titles = TitlesNamespace(session)
        self.users = UsersNamespace(session)
        self.widget = WidgetNamespace(session)
