# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""The typed namespaces of [`API`][mailru_sdk.api.API], one attribute per namespace.

Each namespace module is imported on first use (see NamespaceAttribute).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mailru_sdk.api.base import NamespaceAttribute

if TYPE_CHECKING:
    from mailru_sdk._generated.resources.achievements import AchievementsNamespace
    from mailru_sdk._generated.resources.audio import AudioNamespace
    from mailru_sdk._generated.resources.audios import AudiosNamespace
    from mailru_sdk._generated.resources.email import EmailNamespace
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

__all__ = ["METHOD_COUNT", "GeneratedAPI"]

METHOD_COUNT = 56
_RESOURCES = "mailru_sdk._generated.resources"


class GeneratedAPI:
    """The catalogued namespaces (56 methods), bound to ``session``."""

    achievements: NamespaceAttribute[AchievementsNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.achievements", "AchievementsNamespace"
    )
    """The ``achievements.*`` methods of the platform."""
    audio: NamespaceAttribute[AudioNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.audio", "AudioNamespace"
    )
    """The ``audio.*`` methods of the platform."""
    audios: NamespaceAttribute[AudiosNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.audios", "AudiosNamespace"
    )
    """The ``audios.*`` methods of the platform."""
    email: NamespaceAttribute[EmailNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.email", "EmailNamespace"
    )
    """The ``email.*`` methods of the platform."""
    events: NamespaceAttribute[EventsNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.events", "EventsNamespace"
    )
    """The ``events.*`` methods of the platform."""
    friends: NamespaceAttribute[FriendsNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.friends", "FriendsNamespace"
    )
    """The ``friends.*`` methods of the platform."""
    guestbook: NamespaceAttribute[GuestbookNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.guestbook", "GuestbookNamespace"
    )
    """The ``guestbook.*`` methods of the platform."""
    mail: NamespaceAttribute[MailNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.mail", "MailNamespace"
    )
    """The ``mail.*`` methods of the platform."""
    messages: NamespaceAttribute[MessagesNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.messages", "MessagesNamespace"
    )
    """The ``messages.*`` methods of the platform."""
    mobile: NamespaceAttribute[MobileNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.mobile", "MobileNamespace"
    )
    """The ``mobile.*`` methods of the platform."""
    multipost: NamespaceAttribute[MultipostNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.multipost", "MultipostNamespace"
    )
    """The ``multipost.*`` methods of the platform."""
    notifications: NamespaceAttribute[NotificationsNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.notifications", "NotificationsNamespace"
    )
    """The ``notifications.*`` methods of the platform."""
    photos: NamespaceAttribute[PhotosNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.photos", "PhotosNamespace"
    )
    """The ``photos.*`` methods of the platform."""
    score: NamespaceAttribute[ScoreNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.score", "ScoreNamespace"
    )
    """The ``score.*`` methods of the platform."""
    stream: NamespaceAttribute[StreamNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.stream", "StreamNamespace"
    )
    """The ``stream.*`` methods of the platform."""
    titles: NamespaceAttribute[TitlesNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.titles", "TitlesNamespace"
    )
    """The ``titles.*`` methods of the platform."""
    users: NamespaceAttribute[UsersNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.users", "UsersNamespace"
    )
    """The ``users.*`` methods of the platform."""
    widget: NamespaceAttribute[WidgetNamespace] = NamespaceAttribute(
        f"{_RESOURCES}.widget", "WidgetNamespace"
    )
    """The ``widget.*`` methods of the platform."""

    def __init__(self, session: TokenSession) -> None:
        self.session = session
