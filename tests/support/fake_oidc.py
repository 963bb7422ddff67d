"""A fake OpenID Connect provider speaking real HTTP on 127.0.0.1 (random free port).

It lets the product's real requests-oauthlib + PyJWT code run the authorization-code flow
with PKCE (S256) offline. Two flavours: ``kind="google"`` (issuer = base_url) and
``kind="microsoft"`` (issuer = ``{base_url}/{tenant_id}/v2.0``, tokens carry ``tid``/``oid``,
like Entra ID). Login is auto-approved unless ``consent_page=True`` (a "Continue as <email>"
page whose form POST approves, for a real browser to click through); tests steer it with knobs::

    with FakeOidcProvider("microsoft", tenant_id=TENANT) as idp:
        idp.login_as(sub="u1", email="ada@example.com")
        idp.id_token_overrides = {"aud": "someone-else"}   # next ID token only
        callback_url = idp.authorize(app_redirect_location)
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import uuid
from urllib.parse import unquote_plus, urlencode, urlsplit, urlunsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


class _QuietHandler(WSGIRequestHandler):
    """Request handler that does not log every request to stderr."""

    def log_request(self, *args, **kwargs):
        pass


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _json(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store"})


def s256(verifier: str) -> str:
    """PKCE S256 transform: BASE64URL(SHA256(ascii(verifier))) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


class FakeOidcProvider:
    """In-process OIDC provider (authorize, token, JWKS, discovery) on a local WSGI server.

    Knobs (set between logins): ``next_identity`` / ``login_as(...)`` (who logs in),
    ``deny_next`` (error code for the next authorize, once), ``id_token_overrides``
    (claims merged into the next ID token, once; a value of ``None`` removes the claim),
    ``sign_with_foreign_key`` (sign the next ID token with another key under the same kid).
    ``consent_page`` (constructor): authorize answers an HTML page instead of approving at once;
    its "Continue" button POSTs a one-time id to ``/consent``, which redirects back with the code.
    Records: ``authorize_requests``, ``token_requests`` (form args + ``client_auth_method``),
    ``issued_codes``, ``errors`` (the 400 messages returned, in order).
    """

    def __init__(self, kind: str = "google", tenant_id: str | None = None,
                 client_id: str = "test-client", client_secret: str = "test-secret", consent_page: bool = False):
        if kind not in ("google", "microsoft"):
            raise ValueError(f"kind must be 'google' or 'microsoft', not {kind!r}")
        self.kind = kind
        self.tenant_id = tenant_id or str(uuid.uuid4())
        self.client_id, self.client_secret = client_id, client_secret
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self.errors: list[str] = []
        self.issued_codes = 0
        self.deny_next: str | None = None
        self.id_token_overrides: dict = {}
        self.sign_with_foreign_key = False
        self.consent_page = consent_page
        self._consents: dict[str, tuple[dict, dict]] = {}  # one-time id -> (authorize args, identity)
        self.next_identity: dict = {}
        self.login_as(sub=secrets.token_hex(8), email="user@example.com", name="Test User")
        self._codes: dict[str, dict] = {}
        self._lock = threading.Lock()
        self._server = self._thread = None

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> "FakeOidcProvider":
        """Generate keys, bind 127.0.0.1:<free port> and serve in a daemon thread."""
        self._key, self._foreign_key, self.kid = _rsa_key(), None, secrets.token_hex(8)
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True,
                                   request_handler=_QuietHandler)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        if self.kind == "google":
            self.issuer = self.base_url
            self.authorization_endpoint = f"{self.base_url}/o/oauth2/v2/auth"
            self.token_endpoint = f"{self.base_url}/token"
            self.jwks_url = f"{self.base_url}/oauth2/v3/certs"
            self.userinfo_endpoint = f"{self.base_url}/v1/userinfo"
        else:
            tenant_root = f"{self.base_url}/{self.tenant_id}"
            self.issuer = f"{tenant_root}/v2.0"
            self.authorization_endpoint = f"{tenant_root}/oauth2/v2.0/authorize"
            self.token_endpoint = f"{tenant_root}/oauth2/v2.0/token"
            self.jwks_url = f"{tenant_root}/discovery/v2.0/keys"
            self.userinfo_endpoint = f"{self.base_url}/oidc/userinfo"
        self.discovery_url = f"{self.issuer}/.well-known/openid-configuration"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        kwargs={"poll_interval": 0.05},  # quick shutdown()
                                        name=f"fake-oidc-{self.kind}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, join the thread and close the socket (idempotent)."""
        if self._server is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._server.server_close()
            self._server = self._thread = None

    __enter__ = start

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------------ helpers
    def login_as(self, sub: str, email: str | None = None, email_verified: bool | None = None,
                 name: str | None = None, **extra) -> dict:
        """Set ``next_identity``: the claims the next auto-approved login puts in the ID token.

        ``None`` values are left out. google defaults ``email_verified`` to True when an email
        is given; microsoft omits it unless given and adds ``oid`` (fresh unless given in
        ``extra``), ``tid`` and ``preferred_username``.
        """
        if email_verified is None and self.kind == "google" and email:
            email_verified = True
        claims = {"sub": sub, "email": email, "email_verified": email_verified, "name": name}
        if self.kind == "microsoft":
            claims.update(oid=str(uuid.uuid4()), tid=self.tenant_id, preferred_username=email)
        claims.update(extra)
        self.next_identity = {k: v for k, v in claims.items() if v is not None}
        return self.next_identity

    def authorize(self, url: str) -> str:
        """GET the app's authorization URL here (no browser) and return the redirect Location."""
        if not url.startswith(self.authorization_endpoint + "?"):
            raise ValueError(f"not this provider's authorization endpoint: {url}")
        with requests.Session() as http:
            http.trust_env = False  # never go through a proxy
            resp = http.get(url, allow_redirects=False, timeout=10)
        if resp.status_code != 302:
            raise AssertionError(f"authorize answered {resp.status_code}: {resp.text}")
        return resp.headers["Location"]

    def discovery_document(self) -> dict:
        """The OpenID configuration served at ``discovery_url``."""
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.authorization_endpoint,
            "token_endpoint": self.token_endpoint,
            "jwks_uri": self.jwks_url,
            "userinfo_endpoint": self.userinfo_endpoint,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "subject_types_supported": ["public" if self.kind == "google" else "pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        }

    # ---------------------------------------------------------------- endpoints
    def _wsgi(self, environ, start_response):
        request = Request(environ)
        routes = {
            ("GET", urlsplit(self.discovery_url).path): lambda r: _json(self.discovery_document()),
            ("GET", urlsplit(self.jwks_url).path): lambda r: _json({"keys": [self._jwk(self._key)]}),
            ("GET", urlsplit(self.authorization_endpoint).path): self._authorize,
            ("POST", urlsplit(self.token_endpoint).path): self._token,
        }
        if self.consent_page:
            routes[("POST", "/consent")] = self._consent
        handler = routes.get((request.method, request.path))
        response = handler(request) if handler else _json({"error": "not_found"}, 404)
        return response(environ, start_response)

    def _error(self, message: str, error: str = "invalid_request", status: int = 400) -> Response:
        self.errors.append(message)
        return _json({"error": error, "error_description": message}, status)

    def _authorize(self, request: Request) -> Response:
        args = request.args.to_dict()
        self.authorize_requests.append(args)
        checks = [
            (args.get("response_type") == "code", "response_type must be 'code'"),
            (args.get("client_id") == self.client_id, "client_id is missing or unknown"),
            (bool(args.get("redirect_uri")), "redirect_uri is missing"),
            (bool(args.get("state")), "state is missing"),
            (bool(args.get("nonce")), "nonce is missing"),
            ("openid" in args.get("scope", "").split(), "scope must contain 'openid'"),
            (bool(args.get("code_challenge")), "code_challenge is missing"),
            (args.get("code_challenge_method") == "S256", "code_challenge_method must be 'S256'"),
            (args.get("response_mode", "query") == "query", "response_mode must be 'query'"),
        ]
        for ok, message in checks:
            if not ok:
                return self._error(message)
        if self.consent_page:
            return self._consent_form(args)
        return self._approve(args, dict(self.next_identity))

    def _consent_form(self, args: dict) -> Response:
        """The page a person sees at the provider: whom they sign in as, and one button."""
        consent_id, identity = secrets.token_urlsafe(16), dict(self.next_identity)
        with self._lock:
            self._consents[consent_id] = (args, identity)
        who = html.escape(identity.get("email") or identity["sub"])
        page = (f"<!doctype html><title>Sign in - fake {self.kind}</title>"
                f'<form method="post" action="/consent"><input type="hidden" name="consent" value="{consent_id}">'
                f"<button type=\"submit\">Continue as {who}</button></form>")
        return Response(page, mimetype="text/html", headers={"Cache-Control": "no-store"})

    def _consent(self, request: Request) -> Response:
        with self._lock:
            pending = self._consents.pop(request.form.get("consent", ""), None)  # one-time
        if pending is None:
            return self._error("consent is unknown or already used")
        return self._approve(*pending)

    def _approve(self, args: dict, identity: dict) -> Response:
        """Redirect back to the client with a fresh code (or the error of ``deny_next``)."""
        if self.deny_next:
            result, self.deny_next = {"error": self.deny_next, "state": args["state"]}, None
        else:
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._codes[code] = {
                    "client_id": args["client_id"], "redirect_uri": args["redirect_uri"],
                    "code_challenge": args["code_challenge"], "nonce": args["nonce"],
                    "scope": args["scope"], "identity": identity}
                self.issued_codes += 1
            result = {"code": code, "state": args["state"]}
        parts = urlsplit(args["redirect_uri"])
        query = "&".join(q for q in (parts.query, urlencode(result)) if q)
        return Response(status=302, headers={"Location": urlunsplit(parts._replace(query=query))})

    def _client_auth(self, request: Request, form: dict) -> tuple[str | None, str | None]:
        """Return (method, error) after checking client_secret_basic or client_secret_post."""
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            if "client_secret" in form:
                return "client_secret_basic", "use one client authentication method, not two"
            try:
                user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return "client_secret_basic", "malformed Basic credentials"
            # RFC 6749 2.3.1 form-encodes both parts; requests' HTTPBasicAuth does not.
            expected = (self.client_id, self.client_secret)
            if expected not in {(user, password), (unquote_plus(user), unquote_plus(password))}:
                return "client_secret_basic", "bad client credentials"
            if form.get("client_id", self.client_id) != self.client_id:
                return "client_secret_basic", "client_id in body differs from Basic user"
            return "client_secret_basic", None
        if "client_secret" in form:
            ok = (form.get("client_id"), form["client_secret"]) == (self.client_id,
                                                                    self.client_secret)
            return "client_secret_post", None if ok else "bad client credentials"
        return None, "no client authentication"

    def _token(self, request: Request) -> Response:
        form = request.form.to_dict()
        method, auth_error = self._client_auth(request, form)
        self.token_requests.append({**form, "client_auth_method": method})
        if auth_error:
            return self._error(auth_error, "invalid_client", 401)
        if form.get("grant_type") != "authorization_code":
            return self._error("grant_type must be authorization_code", "unsupported_grant_type")
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # one-time: consumed here
        if grant is None:
            return self._error("code is unknown or already used", "invalid_grant")
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._error("redirect_uri differs from the authorize request", "invalid_grant")
        if s256(form.get("code_verifier", "")) != grant["code_challenge"]:
            return self._error("code_verifier does not match code_challenge", "invalid_grant")
        return _json({"access_token": secrets.token_urlsafe(32), "token_type": "Bearer",
                      "expires_in": 3600, "scope": grant["scope"],
                      "id_token": self._id_token(grant)})

    # ------------------------------------------------------------------- tokens
    def _jwk(self, private_key) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def _id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 3600,
                  "nonce": grant["nonce"], **grant["identity"]}
        if self.kind == "microsoft":
            claims.update(nbf=now, ver="2.0")
        overrides, self.id_token_overrides = self.id_token_overrides, {}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        key = self._key
        if self.sign_with_foreign_key:
            self.sign_with_foreign_key = False
            key = self._foreign_key = self._foreign_key or _rsa_key()
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})
