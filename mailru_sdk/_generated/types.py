# Generated from spec/methods.yaml by `python -m codegen`; do not edit.
# Change the spec and run `make generate` instead.
"""Objects the platform returns, as TypedDicts (every field optional)."""

from __future__ import annotations

from typing import Any, TypedDict

__all__ = [
    "ActionLink",
    "Album",
    "AppSession",
    "AppUserFlag",
    "Attachment",
    "Comment",
    "CommentBody",
    "Count",
    "Cover",
    "Event",
    "Generator",
    "Like",
    "Location",
    "Message",
    "Photo",
    "Place",
    "Thread",
    "TokenResponse",
    "User",
    "WidgetSetResult",
]


class User(TypedDict, total=False):
    """A user (or group) profile as returned by users.getInfo and the ext=1 variants of the
    friends.* methods. Only fields visible to the current user are present.

    Every field is optional: the platform sends what it knows.
    """

    #: User id (unsigned 64-bit integer as a string).
    uid: str

    #: First name.
    first_name: str

    #: Last name.
    last_name: str

    #: Nickname.
    nick: str

    #: Status text.
    status_text: str

    #: E-mail address; returned only by users.getInfo and only for external sites.
    email: str

    #: 0 = male, 1 = female.
    sex: int

    #: 0/1 flag: whether the age is shown.
    show_age: int

    #: Birthday as DD.MM.YYYY; present only if the age is shown.
    birthday: str

    #: 0/1 flag: the user has a My World profile.
    has_my: int

    #: 0/1 flag: the user has an avatar.
    has_pic: int

    #: Avatar URL.
    pic: str

    #: Small avatar URL (longest side at most 45 px).
    pic_small: str

    #: Big avatar URL (longest side at most 600 px).
    pic_big: str

    #: URL of a 22 px square avatar (code).
    pic_22: str

    #: URL of a 32 px square avatar (code).
    pic_32: str

    #: URL of a 40 px square avatar (code).
    pic_40: str

    #: URL of a 50 px square avatar (code).
    pic_50: str

    #: URL of a 128 px square avatar (code).
    pic_128: str

    #: URL of a 180 px square avatar (code).
    pic_180: str

    #: URL of a 190 px square avatar (code).
    pic_190: str

    #: Profile URL, e.g. http://my.mail.ru/mail/<login>/.
    link: str

    #: How the user reached the app, e.g. stream.install, stream.publish, invitation, catalog,
    #: suggests, 'left menu suggest', 'new apps', guestbook, agent (code).
    referer_type: str

    #: Referrer id; see https://api.mail.ru/docs/guides/ref/.
    referer_id: str

    #: 0/1 flag: the user is online.
    is_online: int

    #: 0/1 flag: the user is a friend of the current user (code).
    is_friend: int

    #: Number of friends.
    friends_count: int

    #: 0/1 flag (code).
    follower: int

    #: 0/1 flag (code).
    following: int

    #: 0/1 flag (code).
    subscribe: int

    #: Number of subscribers (code).
    subscribers_count: int

    #: Number of videos (code).
    video_count: int

    #: 1 = the phone number is confirmed.
    is_verified: int

    #: 0/1 VIP flag.
    vip: int

    #: 0/1 flag: the user has the application installed.
    app_installed: int

    #: Unix time of the last visit (code).
    last_visit: int

    #: Profile cover (code).
    cover: Cover

    #: Only for groups: an object with category_id (int), short_description, full_description,
    #: interests, posts_cnt (int), category_name, rules; other field types unknown (code).
    group_info: Any

    #: Country, city and region.
    location: Location


class Location(TypedDict, total=False):
    """Where a user lives: country, city and region.

    Every field is optional: the platform sends what it knows.
    """

    #: Country.
    country: Place

    #: City.
    city: Place

    #: Region.
    region: Place


class Place(TypedDict, total=False):
    """A country, city or region inside Location.

    Every field is optional: the platform sends what it knows.
    """

    #: Place id; a string in the doc sample, an int per aiomailru (conflict, hence Any).
    id: Any

    #: Place name.
    name: str


class Event(TypedDict, total=False):
    """An event of the 'What's new' stream (stream.get, stream.getByAuthor). Event type codes (field
    type, code aiomailru) include 1-1 photo, 1-2 video, 1-3 photo mark, 1-4 video mark, 1-7 music,
    1-8 photo comment, 1-10 video comment, 3-1 blog post, 3-2 blog comment, 3-3/5-20 community join,
    3-23 micropost, 3-25 private micropost, 5-1 friend, 5-7 avatar, 5-10/5-11 gift sent/received,
    5-16 app install, 5-17/5-24 app event, 5-18 community post, 5-26 link share, 5-27 event like,
    5-29 video share, 5-32 micropost comment.

    Every field is optional: the platform sends what it knows.
    """

    #: Event id (also the cursor value for the skip parameter).
    id: str

    #: '<user checksum><event id>' (code).
    huid: str

    #: '<user checksum><id>'; the target for stream.like, stream.unlike and stream.comment (code).
    thread_id: str

    #: What produced the event (doc).
    generator: Generator

    #: Authors; several when events are aggregated (doc).
    authors: list[User]

    #: event, like or comment.
    subtype: str

    #: Event type in 'group-item' form, e.g. '1-1'; see the object description (code).
    type: str

    #: Event type name (code).
    type_name: str

    #: Unix time of the event.
    time: int

    #: Text written by the user.
    user_text: str

    #: Attachments of a micropost (code).
    text_media: list[Attachment]

    #: Attachments of the event (code).
    attachments: list[Attachment]

    #: URL of the event (likeable events).
    click_url: str

    #: Number of likes (likeable events).
    likes_count: int

    #: Number of comments (commentable events).
    comments_count: int

    #: 0/1 flag: the current user liked the event.
    is_liked_by_me: int

    #: 0/1 flag: the event can be liked.
    is_likeable: int

    #: 0/1 flag: the event can be commented on.
    is_commentable: int

    #: Action links shown with the event.
    action_links: list[ActionLink]


class Generator(TypedDict, total=False):
    """The producer of a stream event (Event.generator) (doc).

    Every field is optional: the platform sends what it knows.
    """

    #: Application id.
    app_id: int

    #: Icon URL (16x16).
    icon: str

    #: URL of the producer.
    url: str

    #: Title of the producer.
    title: str

    #: Producer type, e.g. 'application'.
    type: str


class ActionLink(TypedDict, total=False):
    """A link attached to a stream event (Event.action_links).

    Every field is optional: the platform sends what it knows.
    """

    #: Link text.
    text: str

    #: Link URL.
    href: str


class Attachment(TypedDict, total=False):
    """Media attached to an event. The 'object' field selects the variant (text, link, image, music,
    video); the tag, avatar, app, group and gift variants carry 'content' or 'new' instead. Variant-
    specific fields are typed Any where variants differ (code aiomailru).

    Every field is optional: the platform sends what it knows.
    """

    #: Variant: text, link, image, music or video (absent in some variants).
    object: str

    #: Payload of the text, tag, app, group and gift variants; shape depends on the variant.
    content: Any

    #: Link text (link variant).
    text: Any

    #: Target URL (link variant).
    url: str

    #: Media URL (image and video variants).
    src: str

    #: Click-through URL (image, music, video).
    click_url: str

    #: Like/comment thread of the media (image, video).
    thread_id: Any

    #: Media id (image).
    id: Any

    #: Owner id (image, video).
    owner_id: Any

    #: Album id (image, video).
    album_id: Any

    #: Width (image, video).
    width: Any

    #: Height (image, video).
    height: Any

    #: Number of likes (image, video).
    likes_count: Any

    #: Number of comments (image, video).
    comments_count: Any

    #: Title (video).
    title: Any

    #: Track name (music).
    name: Any

    #: Track author (music).
    author: Any

    #: Duration (music: int; video: type unknown).
    duration: Any

    #: New avatar data (avatar variant).
    new: Any


class Like(TypedDict, total=False):
    """A like on a stream event (code aiomailru).

    Every field is optional: the platform sends what it knows.
    """

    #: Unix time.
    time: int

    #: Who liked.
    author: User

    #: Like identifier.
    huid: str

    #: The liked event.
    subevent: Event

    #: Always 'like'.
    subtype: str

    #: Like id.
    id: str

    #: Always 0.
    is_commentable: int

    #: Always 0.
    is_likeable: int


class Comment(TypedDict, total=False):
    """A comment on a stream event (code aiomailru).

    Every field is optional: the platform sends what it knows.
    """

    #: Unix time.
    time: int

    #: Comment identifier.
    huid: str

    #: The commented event.
    subevent: Event

    #: Always 'comment'.
    subtype: str

    #: Comment id.
    id: str

    #: The comment itself.
    comment: CommentBody

    #: Always 0.
    is_commentable: int

    #: Always 0.
    is_likeable: int


class CommentBody(TypedDict, total=False):
    """Body of a Comment (Comment.comment) (code aiomailru).

    Every field is optional: the platform sends what it knows.
    """

    #: Comment text.
    text: str

    #: Unix time.
    time: int

    #: 0/1 flag: the comment was deleted.
    is_deleted: int

    #: Comment id (type unknown).
    id: Any

    #: Comment author.
    author: User

    #: Media of the comment, {object, content}.
    text_media: Any


class Album(TypedDict, total=False):
    """A photo album (photos.getAlbums, doc sample).

    Every field is optional: the platform sends what it knows.
    """

    #: Album id, e.g. '_myphoto'.
    aid: str

    #: Photo id of the cover; empty if there is none.
    cover_pid: str

    #: Owner uid.
    owner: str

    #: Album title.
    title: str

    #: Album description.
    description: str

    #: Unix time of creation (a string in the doc sample).
    created: Any

    #: Unix time of the last update (a string in the doc sample).
    updated: Any

    #: Number of photos.
    size: int

    #: Access level; the meaning of the values is documented on the photos.createAlbum page, which
    #: could not be read.
    privacy: int

    #: Album URL (foto.mail.ru).
    link: str

    #: Extra field seen in code (aiomailru).
    sort_order: Any

    #: Extra field seen in code (aiomailru).
    sort_by: Any

    #: Extra field seen in code (aiomailru).
    privacy_desc: Any

    #: Extra field seen in code (aiomailru).
    cover_url: Any

    #: Extra field seen in code (aiomailru).
    is_commentable: Any

    #: Extra field seen in code (aiomailru).
    can_read_comment: Any


class Photo(TypedDict, total=False):
    """A photo (photos.get, doc sample).

    Every field is optional: the platform sends what it knows.
    """

    #: Photo id.
    pid: str

    #: Album id.
    aid: str

    #: Owner uid.
    owner: str

    #: URL of the standard size (longest side 480 px).
    src: str

    #: URL of the small size (longest side 120 px).
    src_small: str

    #: URL of the full size; absent when the photo is at most 480 px.
    src_big: str

    #: Unix time of the upload.
    created: int

    #: Width in pixels.
    width: int

    #: Height in pixels.
    height: int

    #: File size in bytes.
    size: int

    #: Photo title.
    title: str


class Thread(TypedDict, total=False):
    """A dialog in messages.getThreadsList (code only: JS clients). Newer clients read the partner
    from 'user'; an older client reads uid, first_name, last_name and pic flat on the thread.

    Every field is optional: the platform sends what it knows.
    """

    #: Unix time of the last message.
    time: int

    #: Unread marker (int or bool; clients differ).
    unread: Any

    #: The other participant ({uid, first_name, last_name, pic}).
    user: User

    #: Flat variant of user.uid (older client).
    uid: str

    #: Flat variant of user.first_name (older client).
    first_name: str

    #: Flat variant of user.last_name (older client).
    last_name: str

    #: Flat variant of user.pic (older client).
    pic: str


class Message(TypedDict, total=False):
    """A message in messages.getThread (code only).

    Every field is optional: the platform sends what it knows.
    """

    #: Unix time.
    time: int

    #: 0/1 direction of the message; clients disagree which value means 'sent by me'.
    type: int

    #: Message body: a list of {content} fragments according to one client.
    message: Any

    #: Message body as a string according to another client.
    filtered_message: str


class Cover(TypedDict, total=False):
    """A profile cover (User.cover, code aiomailru). Field types are not documented; only
    target_album and the URLs are typed.

    Every field is optional: the platform sends what it knows.
    """

    #: Cover position.
    cover_position: Any

    #: Image width.
    width: Any

    #: Image height.
    height: Any

    #: Cover width.
    cover_width: Any

    #: Cover height.
    cover_height: Any

    #: Image size.
    size: Any

    #: Album id of the cover image.
    aid: Any

    #: Photo id of the cover image.
    pid: Any

    #: Like/comment thread of the cover image.
    thread_id: Any

    #: Owner uid.
    owner: Any

    #: Album holding the cover image.
    target_album: Album

    #: Click-through URL.
    click_url: str

    #: Image URL.
    src: str

    #: Small image URL.
    src_small: str

    #: Creation time.
    created: Any

    #: Comment on the image.
    comment: Any

    #: Image title.
    title: Any


class Count(TypedDict, total=False):
    """A counter response, {"count": N}, returned by the *.getCount-style methods.

    Every field is optional: the platform sends what it knows.
    """

    #: The number counted.
    count: int


class AppUserFlag(TypedDict, total=False):
    """Response of users.isAppUser.

    Every field is optional: the platform sends what it knows.
    """

    #: 1 if the user has the application installed, else 0.
    isAppUser: int


class WidgetSetResult(TypedDict, total=False):
    """Response of widget.set.

    Every field is optional: the platform sends what it knows.
    """

    #: 1 when the widget was published.
    set: int


class AppSession(TypedDict, total=False):
    """Parameters an application iframe receives / the JS API session (code js_loader). Not returned
    by any REST method; listed for apps that verify iframe parameters. Field types are not
    documented.

    Every field is optional: the platform sends what it knows.
    """

    #: Application id.
    app_id: Any

    #: Session key (use as session_key).
    session_key: Any

    #: Current user's uid.
    vid: Any

    #: Uid of the page owner.
    oid: Any

    #: Whether the user has the app installed.
    is_app_user: Any

    #: Granted privileges.
    ext_perm: Any

    #: Window id.
    window_id: Any

    #: Session expiry.
    exp: Any

    #: Session expiry (alternative name).
    session_expire: Any

    #: Session secret.
    ss: Any

    #: State value.
    state: Any

    #: Signature of these parameters.
    sig: Any


class TokenResponse(TypedDict, total=False):
    """JSON body of the OAuth token endpoints (code-derived; the password and refresh grants may
    omit token_type).

    Every field is optional: the platform sends what it knows.
    """

    #: Access token; sent as session_key to the REST API.
    access_token: str

    #: Refresh token for the refresh_token grant.
    refresh_token: str

    #: Lifetime of the access token in seconds (e.g. 86400).
    expires_in: int

    #: Token type, e.g. 'bearer'.
    token_type: str

    #: The user's uid (needed for client-server signing).
    x_mailru_vid: str
