"""Every user-visible string of the wizard, in Japanese and English.

Step content lives in the `steps` package; this module holds the rest. A test checks
that every entry has both languages and the same {placeholders} in each.
"""

from __future__ import annotations

from wizard.language import LANGUAGES

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {
        "ja": "Ecrea Gmail 設定ウィザード",
        "en": "Ecrea Gmail setup wizard",
    },
    # Welcome screen
    "welcome_heading": {
        "ja": "Gmail から Ecrea のメールを送れるようにします",
        "en": "Get your Gmail account sending mail from Ecrea",
    },
    "welcome_why": {
        "ja": (
            "2022 年 5 月 30 日から、Google はほかのアプリが Gmail の通常のパスワードで"
            "ログインすることを認めていません。そのため Ecrea から Gmail でメールを送るには、"
            "「2 段階認証」を有効にして「アプリ パスワード」を作り、Ecrea のメール設定に"
            "入力する必要があります。このウィザードが 14 のステップを 1 つずつ案内します。"
        ),
        "en": (
            "Since 30 May 2022 Google no longer lets other apps sign in to Gmail with the "
            "account's ordinary password. To send mail from Ecrea through Gmail you turn on "
            "2-Step Verification, create an app password and enter it in Ecrea's mail "
            "settings. This wizard walks you through the 14 steps one at a time."
        ),
    },
    "welcome_needs_heading": {"ja": "用意するもの", "en": "What you need"},
    "welcome_needs": {
        "ja": (
            "・Gmail アカウントのパスワード（Google の画面に入力します）\n"
            "・SMS（テキスト メッセージ）を受け取れるスマートフォン\n"
            "・Ecrea の「メール設定 - 更新」画面を開ける状態"
        ),
        "en": (
            "- Your Gmail account's password (you type it on Google's pages)\n"
            "- A phone that can receive text messages (SMS)\n"
            "- Access to Ecrea's mail settings form (メール設定 - 更新)"
        ),
    },
    "welcome_never_asks": {
        "ja": (
            "このウィザードが Google のパスワード、電話番号、SMS の確認コードを尋ねることは"
            "ありません。それらは Google の画面にだけ入力してください。"
        ),
        "en": (
            "This wizard never asks for your Google password, phone number or SMS code. "
            "Those go into Google's pages only."
        ),
    },
    "language_label": {"ja": "言語 / Language", "en": "Language / 言語"},
    "start": {"ja": "ステップ 1 から始める", "en": "Start at step 1"},
    "already_on": {
        "ja": "2 段階認証はもう有効です（ステップ 11 へ）",
        "en": "2-Step Verification is already on (go to step 11)",
    },
    "resume": {
        "ja": "続きから再開（ステップ {step}）",
        "en": "Continue where I left off (step {step})",
    },
    "progress_unreadable": {
        "ja": "保存されていた進み具合を読み取れなかったため、最初から始めます。",
        "en": "The saved progress could not be read, so the wizard starts from the beginning.",
    },
    "progress_unsaved": {
        "ja": "進み具合を保存できませんでした（{reason}）。ウィザードはこのまま使えます。",
        "en": "Progress could not be saved ({reason}). You can keep using the wizard.",
    },
    # Step screens
    "step_of": {"ja": "ステップ {number} / {total}", "en": "Step {number} / {total}"},
    "steps_heading": {"ja": "全体の流れ", "en": "All steps"},
    "press_heading": {"ja": "押すボタン・項目", "en": "Press"},
    "label_also": {"ja": "（「{names}」と表示される場合もあります）", "en": " (may also read \"{names}\")"},
    "open_page": {"ja": "ページを開く", "en": "Open page"},
    "open_page_hint": {
        "ja": "ブラウザーが開かない場合は、次のアドレスをブラウザーに入力してください:",
        "en": "If no browser opens, type this address into a browser:",
    },
    "opened_page": {"ja": "ブラウザーで開きました: {url}", "en": "Opened in the browser: {url}"},
    "sms_example": {
        "ja": "SMS の確認コードは「{example}」のような形です。",
        "en": "The SMS code looks like \"{example}\".",
    },
    "copy_value_heading": {"ja": "アプリ名の例: {value}", "en": "Suggested app name: {value}"},
    "copy": {"ja": "コピー", "en": "Copy"},
    "copied": {
        "ja": "「{value}」をコピーしました。コピーできない端末では画面の文字を入力してください。",
        "en": "Copied \"{value}\". If your terminal cannot copy, type the text shown instead.",
    },
    "help_title": {
        "ja": "Google の画面が違う・うまくいかないとき",
        "en": "Google's screen looks different / it didn't work",
    },
    "back": {"ja": "戻る", "en": "Back"},
    "next": {"ja": "次へ", "en": "Next"},
    "finish": {"ja": "完了", "en": "Finish"},
    "step_done": {"ja": "済", "en": "done"},
    "step_current": {"ja": "いまここ", "en": "you are here"},
    "all_steps_done": {
        "ja": "14 のステップがすべて終わりました。Ecrea の「設定」を押し、「テストメール送信」で送信できるか確認してください。",
        "en": "All 14 steps are done. Press 設定 (Save) in Ecrea, then use テストメール送信 (send test mail) to confirm.",
    },
    # Keys and commands
    "key_quit": {"ja": "終了", "en": "Quit"},
    "key_palette": {"ja": "コマンド", "en": "Commands"},
    "key_help": {"ja": "ヘルプ", "en": "Help"},
    "key_language": {"ja": "English / 日本語", "en": "日本語 / English"},
    "key_quit_bilingual": {"ja": "終了 / Quit", "en": "Quit / 終了"},
    "key_palette_bilingual": {"ja": "コマンド / Commands", "en": "Commands / コマンド"},
    "palette_placeholder": {"ja": "コマンドを検索…", "en": "Search for commands…"},
    "command_goto": {"ja": "ステップ {number} へ移動", "en": "Go to step {number}"},
    "command_welcome": {"ja": "最初の画面へ移動", "en": "Go to the welcome screen"},
    "command_welcome_help": {
        "ja": "言語の切り替えや、最初からやり直すとき",
        "en": "To change the language or start over",
    },
    "command_quit_help": {
        "ja": "進み具合は保存されています",
        "en": "Your progress is saved",
    },
    # guide command
    "guide_title": {
        "ja": "Google で 2 段階認証を設定し、アプリ パスワードを取得する（Ecrea 用）",
        "en": "Set up Google 2-Step Verification and get an app password (for Ecrea)",
    },
    "guide_open": {"ja": "開くページ", "en": "Page to open"},
    "guide_help": {"ja": "うまくいかないとき", "en": "If it does not work"},
    "guide_copy": {"ja": "アプリ名の例", "en": "Suggested app name"},
    # Command line
    "cli_lang_help": {
        "ja": "表示する言語（ja: 日本語, en: 英語）。省略時はシステムの設定、または前回選んだ言語",
        "en": "language to use (ja: Japanese, en: English); default: the one chosen last time, else the system's",
    },
    "cli_guide_help": {
        "ja": "14 のステップすべてを Markdown で出力します（お客様への送付用）",
        "en": "print all 14 steps as Markdown (to send to a customer)",
    },
    "cli_description": {
        "ja": "Ecrea から Gmail でメールを送るための設定を案内します。",
        "en": "Walks you through setting up Gmail for sending mail from Ecrea.",
    },
}


class Texts:
    """The strings of one language: `texts("key", name=value)`."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang!r}")
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        text = TEXTS[key][self.lang]
        return text.format(**values) if values else text
