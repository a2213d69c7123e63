"""Who the SDK acts as: the app's keys and signing, tokens, OAuth grants, refresh, web login."""
