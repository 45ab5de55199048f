"""The page browser mode serves: textual-serve's terminal, plus the script that keeps the secret in its tab.

textual-serve's own template is followed closely (its textual.js reads the socket's
address from `#terminal` when the window loads), with three changes:
- a short script, run before that, takes the secret from the address's fragment into
  sessionStorage, clears it from the address bar, and adds it to the socket's path; a
  tab without the secret is sent to the refusal page;
- no font from the internet (the page works offline and tells no one it was opened):
  the Roboto Mono that textual-serve ships is served from this server;
- every script carries a per-page nonce, so the Content-Security-Policy can forbid any other.
"""

from __future__ import annotations

from html import escape

from wizard.core.texts import Texts

# The key in sessionStorage; storage is per origin, so per port, and per tab.
STORAGE_KEY = "ecrea-gmail-setup-secret"
SOCKET_PATH = "/ws/"
DOWNLOAD_PATH = "/download/"
"""Where textual-serve's page fetches a file the app delivers (`/download/<key>`)."""
DENIED_PATH = "/denied"


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def index_page(*, texts: Texts, static_url: str, socket_url: str, nonce: str, font_size: int = 16) -> str:
    """The wizard's page; `socket_url` ends in SOCKET_PATH and the script adds the secret."""
    title, start, ended, restart, static_url, socket_url = (
        escape(value, quote=True)
        for value in (
            texts("serve.page_title"), texts("serve.start"), texts("serve.session_ended"), texts("serve.restart"),
            static_url, socket_url,
        )
    )
    return f"""<!DOCTYPE html>
<html lang="{texts.lang}">
  <head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <title>{title}</title>
    <link rel="stylesheet" href="{static_url}css/xterm.css">
    <script nonce="{nonce}" src="{static_url}js/textual.js"></script>
    <style>
      @font-face {{ font-family: "Roboto Mono"; src: url("{static_url}fonts/RobotoMono-VariableFont_wght.ttf"); }}
      body {{ background: #0c181f; }}
      .dialog-container {{
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }}
      .shade {{
        position: absolute; width: 100%; height: 100%; background: #0c181f;
        background-image: url("{static_url}images/background.png");
      }}
      .intro {{
        width: 640px; height: 240px; font-size: 16px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
        display: flex; flex-direction: column; align-items: center; justify-content: center; margin: 32px;
      }}
      body.-first-byte .intro-dialog, body.-first-byte .intro-dialog .shade {{ display: none; }}
      body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      button {{
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95); border: none;
        font-family: "Roboto Mono", menlo, monospace; margin: 16px; display: block; cursor: pointer;
      }}
      button:hover {{ background: #ac5af4; }}
      .closed-dialog {{ display: none; }}
      body.-closed .closed-dialog {{ display: flex; }}
      #start {{ display: none; }}
      #start.-delay {{ display: flex; }}
    </style>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{title}</div><button type="button" class="restart" id="start">{start}</button></div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{ended}</div><button type="button" class="restart">{restart}</button></div>
    </div>
    <div id="terminal" class="textual-terminal" data-session-websocket-url="{socket_url}"
         data-font-size="{font_size}"></div>
    <script nonce="{nonce}">
      (function () {{
        const key = "{STORAGE_KEY}";
        const given = location.hash.slice(1);
        if (given) {{
          sessionStorage.setItem(key, given);
        }}
        // The address bar keeps neither the secret nor a query: textual.js would act on
        // "?ping=" (a fetch the policy refuses, leaving the page stuck) or "?delay=".
        history.replaceState(null, "", location.pathname);
        const secret = sessionStorage.getItem(key);
        if (!secret) {{
          location.replace("{DENIED_PATH}");
          return;
        }}
        const terminal = document.getElementById("terminal");
        terminal.dataset.sessionWebsocketUrl += encodeURIComponent(secret);
        for (const button of document.querySelectorAll("button.restart")) {{
          button.addEventListener("click", () => location.replace(location.pathname));
        }}
      }})();
    </script>
  </body>
</html>
"""
