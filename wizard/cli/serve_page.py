"""The page browser mode serves: textual-serve's terminal, plus the script that keeps the secret in its tab.

textual-serve's own template is followed closely (its textual.js reads the socket's
address from `#terminal` when the window loads), with these changes:
- a short script, run before that, takes the secret from the address's fragment into
  sessionStorage, clears it from the address bar, and adds it to the socket's path; a
  tab without the secret is sent to the refusal page;
- no font from the internet (the page works offline and tells no one it was opened):
  the Roboto Mono that textual-serve ships is served from this server;
- every script carries a per-page nonce, so the Content-Security-Policy can forbid any other;
- the font size comes from the window's width, so a phone's terminal keeps MIN_COLUMNS columns,
  and a small frame keeps every button and key off the window's edge;
- when the wizard ends (Finish, Ctrl+Q, or the server stopping), our own end page replaces
  textual-serve's English one, whose only button silently started a new wizard: it says the
  tab can be closed and how the server stops, in the language the wizard ended in (asked from
  LANGUAGE_PATH), and offers starting again only as a button that says what it does.
"""

from __future__ import annotations

from html import escape

from wizard.core.language import LANGUAGES
from wizard.core.texts import Texts

# The key in sessionStorage; storage is per origin, so per port, and per tab.
STORAGE_KEY = "ecrea-gmail-setup-secret"
SOCKET_PATH = "/ws/"
DOWNLOAD_PATH = "/download/"
"""Where textual-serve's page fetches a file the app delivers (`/download/<key>`)."""
DENIED_PATH = "/denied"
LANGUAGE_PATH = "/language"
"""Answers the language the wizard ended in, for the end page (nothing secret)."""

# The terminal's font: 16 px where there is room, smaller on a phone so that it keeps MIN_COLUMNS.
MAX_FONT_PX = 16
MIN_FONT_PX = 8
MIN_COLUMNS = 72
"""Near the 80 columns the wizard is designed for: room for its longest button label and a step's footer keys."""
CELL_WIDTH_EM = 0.5625
"""A Roboto Mono cell is 0.5625 em wide (xterm.js rounds it to whole device pixels)."""
EDGE_PX = 6
LANGUAGE_WAIT_MS = 3000


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


def end_texts() -> str:
    """The end page's sentences in every language, as the page's script picks them once it knows
    which language the wizard ended in (a switch on its welcome screen counts)."""
    import json

    keys = ("serve.ended", "serve.server_running", "serve.server_stopped", "serve.restart", "serve.restart_note")
    table = {lang: {key.removeprefix("serve."): Texts(lang)(key) for key in keys} for lang in LANGUAGES}
    # Inside <script>, "</" would end the element early; JSON allows it escaped.
    return json.dumps(table, ensure_ascii=False).replace("</", "<\\/")


def index_page(*, texts: Texts, static_url: str, socket_url: str, nonce: str) -> str:
    """The wizard's page; `socket_url` ends in SOCKET_PATH and the script adds the secret."""
    title, start, static_url, socket_url = (
        escape(value, quote=True)
        for value in (texts("serve.page_title"), texts("serve.start"), static_url, socket_url)
    )
    return f"""<!DOCTYPE html>
<html lang="{texts.lang}">
  <head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="stylesheet" href="{static_url}css/xterm.css">
    <script nonce="{nonce}" src="{static_url}js/textual.js"></script>
    <style>
      @font-face {{ font-family: "Roboto Mono"; src: url("{static_url}fonts/RobotoMono-VariableFont_wght.ttf"); }}
      html, body {{ margin: 0; height: 100%; overflow: hidden; background: #0c181f; }}
      /* A frame of {EDGE_PX} px: no button or key touches the window's edge (textual.js sizes the
         terminal to the whole window, and columns are counted from this box). */
      body .textual-terminal {{
        position: absolute; left: {EDGE_PX}px; top: {EDGE_PX}px;
        width: calc(100vw - {2 * EDGE_PX}px) !important; height: calc(100vh - {2 * EDGE_PX}px) !important;
      }}
      .dialog-container {{
        position: absolute; inset: 0; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }}
      .shade {{
        position: absolute; width: 100%; height: 100%; background: #0c181f;
        background-image: url("{static_url}images/background.png");
      }}
      .intro {{
        width: min(640px, calc(100vw - 32px)); box-sizing: border-box; min-height: 240px; padding: 24px;
        font-size: 16px; line-height: 1.6; z-index: 20; text-align: center;
        font-family: "Roboto Mono", menlo, monospace; line-break: strict; overflow-wrap: anywhere;
        /* Japanese breaks between phrases (Chromium's BudouX, for lang="ja"), and no lone 「ん。」 line. */
        word-break: auto-phrase; text-wrap: pretty;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
        display: flex; flex-direction: column; align-items: center; justify-content: center;
      }}
      .intro p {{ margin: 0.5em 0; }}
      .note {{ color: rgba(255, 255, 255, 0.7); font-size: 14px; }}
      body.-first-byte .intro-dialog, body.-first-byte .intro-dialog .shade {{ display: none; }}
      body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      button {{
        padding: 16px 32px; max-width: 100%; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font: inherit; margin: 16px; display: block; cursor: pointer;
      }}
      button:hover {{ background: #ac5af4; }}
      .end-dialog {{ display: none; }}
      body.-ended .end-dialog {{ display: flex; }}
      body.-ended .textual-terminal {{ display: none; }}
      body.-server-stopped #restart, body.-server-stopped #restart-note, body.-server-stopped #server-running,
      body:not(.-server-stopped) #server-stopped {{ display: none; }}
      #start {{ display: none; }}
      #start.-delay {{ display: flex; }}
    </style>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro"><div>{title}</div><button type="button" id="start">{start}</button></div>
    </div>
    <main class="dialog-container end-dialog" id="end" aria-live="polite">
      <div class="shade"></div>
      <div class="intro">
        <p id="ended"></p>
        <p id="server-running"></p>
        <p id="server-stopped"></p>
        <button type="button" id="restart"></button>
        <p class="note" id="restart-note"></p>
      </div>
    </main>
    <div id="terminal" class="textual-terminal" data-session-websocket-url="{socket_url}"
         data-font-size="{MAX_FONT_PX}"></div>
    <script nonce="{nonce}" type="application/json" id="end-texts">{end_texts()}</script>
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
        // The font from the width, so a phone's terminal still has {MIN_COLUMNS} columns: the wizard
        // then takes the narrow layout it has for an 80-column terminal, with room for its labels.
        const room = window.innerWidth - {2 * EDGE_PX};
        const fitting = Math.floor(room / {MIN_COLUMNS} / {CELL_WIDTH_EM} * 2) / 2;
        terminal.dataset.fontSize = String(Math.max({MIN_FONT_PX}, Math.min({MAX_FONT_PX}, fitting)));

        // The end: our own page, in the language the wizard ended in, instead of textual-serve's
        // own English end dialog, whose one button silently started a new wizard.
        const texts = JSON.parse(document.getElementById("end-texts").textContent);
        function showEnd(lang, serverRunning) {{
          const words = texts[lang] || texts[document.documentElement.lang];
          document.documentElement.lang = lang in texts ? lang : document.documentElement.lang;
          for (const [id, name] of [["ended", "ended"], ["server-running", "server_running"],
                                    ["server-stopped", "server_stopped"], ["restart", "restart"],
                                    ["restart-note", "restart_note"]]) {{
            document.getElementById(id).textContent = words[name];
          }}
          document.body.classList.toggle("-server-stopped", !serverRunning);
          document.body.classList.add("-ended");
          document.title = words.ended;
        }}
        function ended() {{
          const asked = new AbortController();
          setTimeout(() => asked.abort(), {LANGUAGE_WAIT_MS});
          fetch("{LANGUAGE_PATH}", {{cache: "no-store", signal: asked.signal}})
            .then((answer) => answer.ok ? answer.text() : Promise.reject(answer.status))
            .then((lang) => showEnd(lang.trim(), true), () => showEnd(document.documentElement.lang, false));
        }}
        // textual.js marks the page "-closed" when the wizard's connection closes.
        new MutationObserver(() => {{
          if (document.body.classList.contains("-closed") && !document.body.classList.contains("-ended")) {{
            ended();
          }}
        }}).observe(document.body, {{attributes: true, attributeFilter: ["class"]}});
        document.getElementById("restart").addEventListener("click", () => location.replace(location.pathname));
      }})();
    </script>
  </body>
</html>
"""
