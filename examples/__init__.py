"""Usage examples, exercised by the tests: a Flask app and Django views logging in with Mail.Ru."""
