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
    # Account screen
    "account_heading": {"ja": "はじめに: 送信に使う Gmail アカウント", "en": "First: the Gmail account to send from"},
    "account_intro": {
        "ja": (
            "Ecrea からのメール送信に使う Gmail アドレスと、受信者に表示される送信者名"
            "（Ecrea の「送信元表示名」）を入力してください。パスワードはここでは入力しません。"
        ),
        "en": (
            "Enter the Gmail address Ecrea will send from, and the sender name recipients "
            "will see (Ecrea's 送信元表示名). No password is entered here."
        ),
    },
    "address_label": {"ja": "Gmail アドレス", "en": "Gmail address"},
    "address_placeholder": {"ja": "例: ecrea.test@gmail.com", "en": "e.g. ecrea.test@gmail.com"},
    "display_name_label": {"ja": "送信元表示名（空欄でも構いません）", "en": "Sender display name (may be left empty)"},
    "display_name_placeholder": {"ja": "例: Ecreaマニュアル用", "en": "e.g. Ecrea support"},
    "address_empty": {"ja": "Gmail アドレスを入力してください。", "en": "Enter the Gmail address."},
    "address_no_at": {
        "ja": "「@」がありません。「name@gmail.com」のように @ から後ろまで入力してください。",
        "en": "There is no \"@\". Enter the whole address, like \"name@gmail.com\".",
    },
    "address_several_at": {"ja": "「@」が 2 つ以上あります。アドレスは 1 つだけ入力してください。", "en": "There is more than one \"@\". Enter a single address."},
    "address_space": {"ja": "アドレスに空白が含まれています。空白を取り除いてください。", "en": "The address contains a space. Remove it."},
    "address_invalid": {
        "ja": "メール アドレスの形式が正しくありません（例: name@gmail.com）。",
        "en": "This is not a valid email address (e.g. name@gmail.com).",
    },
    "address_ok_gmail": {"ja": "Gmail アドレスです。", "en": "This is a Gmail address."},
    "workspace_question": {
        "ja": "「{domain}」は gmail.com ではありません。会社や学校の Google Workspace アカウントですか？",
        "en": "\"{domain}\" is not gmail.com. Is this a work or school (Google Workspace) account?",
    },
    "workspace_yes": {"ja": "はい、Google Workspace です", "en": "Yes, it is Google Workspace"},
    "workspace_no": {"ja": "いいえ", "en": "No"},
    "workspace_warning": {
        "ja": (
            "Google Workspace では、管理者がアプリ パスワードを無効にしている場合があります。"
            "その場合ステップ 11 で「お探しの設定はお使いのアカウントでは利用できません」と表示されます。"
            "そのときは管理者に、2 段階認証プロセスとアプリ パスワードを使えるようにしてもらってください。"
        ),
        "en": (
            "In Google Workspace the administrator may have turned app passwords off. Step 11 then "
            "says \"The setting you are looking for is not available for your account\". If so, ask the "
            "administrator to allow 2-Step Verification and app passwords for you."
        ),
    },
    "workspace_not_google": {
        "ja": (
            "このウィザードは Google アカウント（Gmail または Google Workspace）用です。"
            "ほかのメール サービスの設定は、そのサービスの案内に従ってください。"
        ),
        "en": (
            "This wizard is for Google accounts (Gmail or Google Workspace). For another mail "
            "service, follow that service's own instructions."
        ),
    },
    "workspace_unanswered": {
        "ja": "Google Workspace のアカウントかどうかを選んでください。",
        "en": "Choose whether this is a Google Workspace account.",
    },
    "display_name_control": {
        "ja": "送信元表示名に改行や制御文字（{char}）は使えません。メールのヘッダーが壊れるためです。",
        "en": "The display name cannot contain line breaks or control characters ({char}): they would break the mail headers.",
    },
    # App password (step 13)
    "password_label": {
        "ja": "確認のため、コピーしたアプリ パスワードをここに貼り付けてください",
        "en": "To check it, paste the app password you copied here",
    },
    "password_placeholder": {"ja": "例: abcd efgh ijkl mnop", "en": "e.g. abcd efgh ijkl mnop"},
    "password_show": {"ja": "表示", "en": "Show"},
    "password_hide": {"ja": "隠す", "en": "Hide"},
    "password_empty": {
        "ja": "Google の画面に表示された 16 文字のアプリ パスワードを貼り付けてください。",
        "en": "Paste the 16-letter app password shown on Google's page.",
    },
    "password_too_short": {
        "ja": "いま {count} 文字です（16 文字必要です）。空白は数えません。",
        "en": "{count} of 16 letters so far. Spaces are not counted.",
    },
    "password_too_long": {
        "ja": "{count} 文字あります。アプリ パスワードは 16 文字です。余分な文字が入っていないか確認してください。",
        "en": "That is {count} letters; an app password has 16. Check for extra characters.",
    },
    "password_sms_code": {
        "ja": "これは SMS の確認コード（G-123456 の形）のようです。アプリ パスワードはステップ 13 で表示される 16 文字の英字です。",
        "en": "This looks like the SMS code (G-123456), not the app password. The app password is the 16 letters shown in step 13.",
    },
    "password_not_letters": {
        "ja": (
            "数字や記号が含まれています。Google アカウントのパスワードではありませんか？"
            "ステップ 13 で表示された 16 文字の英字（アプリ パスワード）を使ってください。"
        ),
        "en": (
            "This contains digits or symbols: it looks like your Google account password. "
            "Use the 16-letter app password from step 13."
        ),
    },
    "password_valid": {"ja": "正しい形式のアプリ パスワードです（16 文字）。", "en": "This is a well-formed app password (16 letters)."},
    "password_needs_address": {
        "ja": "保存するには、先に Gmail アドレスを入力してください。",
        "en": "Enter the Gmail address first, so the password can be stored for it.",
    },
    "enter_account": {"ja": "アドレスを入力する", "en": "Enter the address"},
    "keyring_saving": {"ja": "OS のキーチェーン（キーリング）に保存しています…", "en": "Storing it in the system keyring…"},
    "keyring_saved": {
        "ja": "OS のキーチェーン（キーリング）に保存しました。ファイルには保存しません。",
        "en": "Stored in the system keyring. It is never written to a file.",
    },
    "keyring_found": {
        "ja": "{address} のアプリ パスワードはキーチェーン（キーリング）に保存済みです。",
        "en": "An app password for {address} is already stored in the system keyring.",
    },
    "keyring_no_backend": {
        "ja": (
            "この環境には安全なパスワード保存場所（キーチェーン、資格情報マネージャーなど）がないため、"
            "保存しませんでした。このまま進めます。パスワードは Ecrea に直接貼り付けてください。"
        ),
        "en": (
            "This system has no secure password store (Keychain, Credential Manager, Secret Service), "
            "so nothing was stored. You can carry on: paste the password straight into Ecrea."
        ),
    },
    "keyring_locked": {
        "ja": "キーチェーン（キーリング）がロックされているため保存できませんでした。ロックを解除して貼り付け直すか、このまま進めてください。",
        "en": "The keyring is locked, so nothing was stored. Unlock it and paste again, or carry on without storing.",
    },
    "keyring_failed": {
        "ja": "キーチェーン（キーリング）への保存に失敗しました（{reason}）。このまま進めます。パスワードはファイルには保存しません。",
        "en": "Storing in the keyring failed ({reason}). You can carry on; the password is never written to a file.",
    },
    # Ecrea settings (step 14)
    "settings_heading": {
        "ja": "Ecrea の「メール設定 - 更新」に入力する値（上から順に）",
        "en": "What to enter in Ecrea's 「メール設定 - 更新」 form (top to bottom)",
    },
    "settings_checkbox_on": {"ja": "チェックを入れる", "en": "checked"},
    "settings_checkbox_off": {"ja": "チェックを外す", "en": "unchecked"},
    "settings_empty": {"ja": "空欄のまま", "en": "leave empty"},
    "settings_display_name_empty": {"ja": "（空欄）", "en": "(empty)"},
    "settings_unknown": {"ja": "（未入力）", "en": "(not entered yet)"},
    "settings_password_stored": {"ja": "キーリングに保存済み", "en": "stored in the keyring"},
    "settings_password_not_stored": {"ja": "ステップ 13 でコピーしたアプリ パスワード", "en": "the app password copied in step 13"},
    "settings_password_unknown": {"ja": "キーリングを確認できません", "en": "keyring not available"},
    "settings_tls_note": {"ja": "ポート 587 では STARTTLS を使います", "en": "port 587 uses STARTTLS"},
    "settings_send_interval_unit": {"ja": "ミリ秒", "en": "ms"},
    "settings_finish": {
        "ja": "すべて入力したら、Ecrea の「設定」を押してください。",
        "en": "When everything is entered, press 「設定」 (Save) in Ecrea.",
    },
    "settings_reveal": {"ja": "パスワードを表示", "en": "Show password"},
    "settings_conceal": {"ja": "パスワードを隠す", "en": "Hide password"},
    "settings_copy_password": {"ja": "パスワードをコピー", "en": "Copy password"},
    "copied_secret": {"ja": "アプリ パスワードをコピーしました。", "en": "Copied the app password."},
    "copied_field": {"ja": "「{field}」の値をコピーしました。", "en": "Copied the value for \"{field}\"."},
    # Test send
    "practice_banner": {"ja": "練習モード（Google には接続しません）", "en": "PRACTICE MODE (Google is not contacted)"},
    "command_test_send": {"ja": "テスト送信", "en": "Test send"},
    "command_test_send_help": {"ja": "設定で送れるか確かめます", "en": "Check that the settings can send mail"},
    "mail_subject": {"ja": "Ecrea メール送信テスト（確認コード {code}）", "en": "Ecrea test mail (code {code})"},
    "mail_body": {
        "ja": (
            "このメールは ecrea-gmail-setup のテスト送信です。\n\n"
            "確認コード: {code}\n\n"
            "このメールが届いていれば、{sender} から Gmail 経由でメールを送信できます。\n"
            "Ecrea の「メール設定 - 更新」で「設定」を押し、Ecrea の「テストメール送信」でも確認してください。\n"
        ),
        "en": (
            "This is a test message from ecrea-gmail-setup.\n\n"
            "Code: {code}\n\n"
            "If it arrived, {sender} can send mail through Gmail.\n"
            "Press 設定 (Save) in Ecrea's mail settings, then check with Ecrea's テストメール送信 (send test mail).\n"
        ),
    },
    "send_heading": {"ja": "テスト送信: 設定で本当に送れるか確かめます", "en": "Test send: prove the settings really work"},
    "send_intro": {
        "ja": "smtp.gmail.com のポート 587 に STARTTLS で接続し、アプリ パスワードでログインして、テスト メールを 1 通送ります。",
        "en": "Connects to smtp.gmail.com port 587 with STARTTLS, signs in with the app password and sends one test message.",
    },
    "send_practice_intro": {
        "ja": "練習モード: このパソコンの中の練習用サーバーに送ります。Google には接続しません。練習用アプリ パスワード: {password}",
        "en": "Practice mode: sends to a practice server inside this computer; Google is not contacted. Practice app password: {password}",
    },
    "send_recipient_label": {"ja": "送信先（空欄なら自分のアドレス）", "en": "Send to (empty: your own address)"},
    "send_password_label": {"ja": "アプリ パスワード", "en": "App password"},
    "send_start": {"ja": "テスト送信する", "en": "Send test mail"},
    "send_retry": {"ja": "もう一度試す", "en": "Try again"},
    "send_try_465": {"ja": "ポート 465 で試す", "en": "Try port 465"},
    "send_cancel": {"ja": "中止", "en": "Cancel"},
    "send_cancel_or_back": {"ja": "中止・戻る", "en": "Cancel / back"},
    "send_cancelled": {"ja": "テスト送信を中止しました。", "en": "The test send was cancelled."},
    "send_redo_step": {"ja": "ステップ {number} に戻る", "en": "Go back to step {number}"},
    "send_open_gmail": {"ja": "Gmail をブラウザーで開く", "en": "Open Gmail in the browser"},
    "send_show_report": {"ja": "サポート用レポート", "en": "Support report"},
    "send_copy_report": {"ja": "レポートをコピー", "en": "Copy report"},
    "send_report_copied": {"ja": "レポートをコピーしました（パスワードは含まれません）。", "en": "Copied the report (it contains no password)."},
    "send_needs_address": {"ja": "先に Gmail アドレスを入力してください。", "en": "Enter the Gmail address first."},
    "send_needs_password": {
        "ja": "アプリ パスワードがありません。ステップ 13 で貼り付けるか、ここに入力してください。",
        "en": "There is no app password. Paste it in step 13 or enter it here.",
    },
    "send_bad_recipient": {"ja": "送信先: {message}", "en": "Send to: {message}"},
    "send_error_detail": {"ja": "詳細: {reply}", "en": "Details: {reply}"},
    "send_server_reply": {"ja": "サーバーの応答: {reply}", "en": "Server reply: {reply}"},
    "stage_resolve": {"ja": "サーバーを探す", "en": "Find the server"},
    "stage_connect": {"ja": "接続する", "en": "Connect"},
    "stage_greeting": {"ja": "サーバーのあいさつ", "en": "Server greeting"},
    "stage_tls": {"ja": "安全な接続（TLS）", "en": "Secure connection (TLS)"},
    "stage_auth": {"ja": "ログイン", "en": "Sign in"},
    "stage_send": {"ja": "送信", "en": "Send"},
    "stage_certificate": {"ja": "証明書: {certificate}", "en": "Certificate: {certificate}"},
    "send_success": {
        "ja": (
            "送信できました。{recipient} の受信トレイで、確認コード「{code}」のメールが届いているか確認してください。\n"
            "次に Ecrea の「メール設定 - 更新」で「設定」を押し、Ecrea の「テストメール送信」でも確認してください。\n"
            "Gmail では、送信者のアドレスはログインしたアカウント（{address}）になります"
            "（Gmail で確認済みの「他のメールアドレス」を除く）。表示名はそのまま使われます。"
        ),
        "en": (
            "Sent. Look in {recipient}'s inbox for the message with the code \"{code}\".\n"
            "Then press 設定 (Save) in Ecrea's mail settings and use Ecrea's テストメール送信 (send test mail) too.\n"
            "Gmail shows the signed-in account ({address}) as the sender, unless the From address is a "
            "verified \"Send mail as\" alias; the display name is kept."
        ),
    },
    "send_practice_received": {
        "ja": "練習用サーバーが受け取ったメール: 件名「{subject}」、差出人 {sender}",
        "en": "The practice server received: subject \"{subject}\", from {sender}",
    },
    "diagnosis_web_login_title": {"ja": "Google がログインを不審なものとしてブロックしました", "en": "Google blocked the sign-in as suspicious"},
    "diagnosis_web_login_action": {
        "ja": "ブラウザーで Gmail にログインし、届いたセキュリティ通知で「自分です」と確認してから、もう一度試してください。",
        "en": "Sign in to Gmail in a browser, approve the security alert (\"Yes, it was me\"), then try again.",
    },
    "diagnosis_ordinary_password_title": {
        "ja": "Google アカウントの通常のパスワードが使われています",
        "en": "The ordinary Google account password was used",
    },
    "diagnosis_ordinary_password_action": {
        "ja": "2 段階認証は有効です。ステップ 13 で表示された 16 文字のアプリ パスワードを使ってください。",
        "en": "2-Step Verification is on. Use the 16-letter app password from step 13 instead.",
    },
    "diagnosis_bad_credentials_title": {
        "ja": "アドレスかアプリ パスワードが受け付けられませんでした",
        "en": "The address or app password was not accepted",
    },
    "diagnosis_bad_credentials_action": {
        "ja": (
            "Gmail アドレスが正しいか確認してください。正しければ、アプリ パスワードが間違っているか無効になっています"
            "（Google のパスワードを変更するとすべて無効になります）。ステップ 11 で新しいアプリ パスワードを作成してください。"
        ),
        "en": (
            "Check the Gmail address. If it is right, the app password is wrong or was revoked (changing the "
            "Google password revokes them all): create a new one in step 11."
        ),
    },
    "diagnosis_no_tls_title": {"ja": "暗号化（TLS）なしでログインしようとしました", "en": "Tried to sign in without encryption (TLS)"},
    "diagnosis_no_tls_action": {
        "ja": "ポート 587 と STARTTLS を使ってください。Ecrea では「TLS/SSL通信」にチェックを入れます（ステップ 14）。",
        "en": "Use port 587 with STARTTLS: in Ecrea, check TLS/SSL通信 (step 14).",
    },
    "diagnosis_try_later_title": {"ja": "Gmail が一時的に接続を断りました", "en": "Gmail refused for the moment"},
    "diagnosis_try_later_action": {"ja": "しばらく待ってから、もう一度試してください。", "en": "Wait a while, then try again."},
    "diagnosis_too_many_attempts_title": {"ja": "ログインの失敗が多すぎます", "en": "Too many failed sign-ins"},
    "diagnosis_too_many_attempts_action": {
        "ja": "しばらく試さずに待ってください。その間にアプリ パスワードが正しいか確認してください（ステップ 13）。",
        "en": "Stop trying for a while. Meanwhile make sure the app password is right (step 13).",
    },
    "diagnosis_daily_limit_title": {"ja": "1 日の送信上限に達しました", "en": "The daily sending limit is reached"},
    "diagnosis_daily_limit_action": {"ja": "最大 24 時間待ってから、もう一度試してください。", "en": "Wait up to 24 hours, then try again."},
    "diagnosis_too_large_title": {"ja": "メールが大きすぎます", "en": "The message is too large"},
    "diagnosis_too_large_action": {"ja": "添付ファイルを小さくしてください。", "en": "Send a smaller message."},
    "diagnosis_refused_title": {"ja": "サーバーが要求を断りました", "en": "The server refused"},
    "diagnosis_refused_action": {
        "ja": "下のサーバーの応答を、サポート用レポートと一緒にサポート担当者に伝えてください。",
        "en": "Send the server's reply below, with the support report, to support staff.",
    },
    "diagnosis_host_not_found_title": {"ja": "サーバーが見つかりません", "en": "The server was not found"},
    "diagnosis_host_not_found_action": {
        "ja": "インターネットに接続しているか確認してください。",
        "en": "Check the internet connection.",
    },
    "diagnosis_connection_refused_title": {"ja": "サーバーに接続できませんでした", "en": "Could not connect to the server"},
    "diagnosis_connection_refused_action": {
        "ja": "ファイアウォールやプロバイダーがポートを止めている可能性があります。ポート 465 で試すか、ネットワーク管理者に相談してください。",
        "en": "A firewall or the provider may block the port. Try port 465, or ask the network administrator.",
    },
    "diagnosis_connect_timeout_title": {"ja": "接続が時間切れになりました", "en": "The connection timed out"},
    "diagnosis_connect_timeout_action": {
        "ja": "ファイアウォールやプロバイダーがポートを止めている可能性があります。ポート 465 で試すか、ネットワーク管理者に相談してください。",
        "en": "A firewall or the provider may block the port. Try port 465, or ask the network administrator.",
    },
    "diagnosis_no_greeting_title": {"ja": "サーバーが応答しません", "en": "The server does not answer"},
    "diagnosis_no_greeting_action": {
        "ja": "接続はできましたが、サーバーからあいさつがありません。しばらくしてから試すか、ネットワーク管理者に相談してください。",
        "en": "The connection opened but the server said nothing. Try again later, or ask the network administrator.",
    },
    "diagnosis_reply_timeout_title": {"ja": "サーバーの応答が時間切れになりました", "en": "The server's reply timed out"},
    "diagnosis_reply_timeout_action": {"ja": "しばらくしてから、もう一度試してください。", "en": "Try again in a while."},
    "diagnosis_disconnected_title": {"ja": "途中で接続が切れました", "en": "The connection was cut off"},
    "diagnosis_disconnected_action": {
        "ja": "ネットワークが不安定か、サーバーが接続を切りました。もう一度試してください。",
        "en": "The network is unstable or the server hung up. Try again.",
    },
    "diagnosis_no_starttls_title": {
        "ja": "サーバーが暗号化（STARTTLS）に対応していません",
        "en": "The server does not offer encryption (STARTTLS)",
    },
    "diagnosis_no_starttls_action": {
        "ja": "パスワードは送らずに止めました。ホストが smtp.gmail.com、ポートが 587 になっているか確認してください（ステップ 14）。",
        "en": "Stopped before sending any password. Check that the host is smtp.gmail.com and the port 587 (step 14).",
    },
    "diagnosis_certificate_title": {"ja": "サーバーの証明書を確認できませんでした", "en": "The server's certificate could not be verified"},
    "diagnosis_certificate_action": {
        "ja": (
            "パスワードは送らずに止めました。ウイルス対策ソフトのメール検査やプロキシーが通信に割り込んでいるか、"
            "パソコンの時計がずれている可能性があります。確認を無効にはしないでください。"
        ),
        "en": (
            "Stopped before sending any password. Antivirus mail scanning or a proxy may be intercepting the "
            "connection, or the computer's clock is wrong. Never switch the check off."
        ),
    },
    "diagnosis_tls_failed_title": {"ja": "安全な接続を確立できませんでした", "en": "A secure connection could not be made"},
    "diagnosis_tls_failed_action": {
        "ja": "パスワードは送らずに止めました。ネットワーク管理者に相談してください。",
        "en": "Stopped before sending any password. Ask the network administrator.",
    },
    "diagnosis_unexpected_title": {"ja": "予期しないエラーが起きました", "en": "Something unexpected went wrong"},
    "diagnosis_unexpected_action": {
        "ja": "もう一度試してください。繰り返す場合は、サポート用レポートをサポート担当者に送ってください。",
        "en": "Try again. If it happens again, send the support report to support staff.",
    },
    # check command
    "cli_check_help": {
        "ja": "画面を使わずにテスト送信し、結果を表示します（サポート・スクリプト用）",
        "en": "run the test send without the screens and print the result (for support and scripts)",
    },
    "cli_to_help": {"ja": "送信先（省略時は --email と同じ）", "en": "recipient (default: the --email address)"},
    "cli_password_stdin_help": {
        "ja": "アプリ パスワードを標準入力から読みます（省略時はキーリングから）",
        "en": "read the app password from standard input (default: from the keyring)",
    },
    "cli_host_help": {"ja": "SMTP ホスト（Google Workspace の中継やテスト用）", "en": "SMTP host (for Google Workspace relays and testing)"},
    "cli_port_help": {"ja": "SMTP ポート（587: STARTTLS、465: 最初から TLS）", "en": "SMTP port (587: STARTTLS, 465: TLS from the start)"},
    "cli_ca_file_help": {
        "ja": "追加で信頼する CA 証明書ファイル（TLS を中継するネットワーク用。確認は無効になりません）",
        "en": "an extra CA certificate file to trust (for networks that intercept TLS; verification stays on)",
    },
    "cli_timeout_help": {"ja": "応答を待つ秒数", "en": "seconds to wait for each reply"},
    "cli_practice_help": {
        "ja": "練習モード: Google アカウントなしで、このパソコンの中の練習用サーバーを使います",
        "en": "practice mode: use a practice server inside this computer, no Google account needed",
    },
    "cli_bad_ca_file": {
        "ja": "--ca-file のファイルを読めません: {path}",
        "en": "Cannot read the --ca-file file: {path}",
    },
    "cli_password_prompt": {"ja": "アプリ パスワード（表示されません）: ", "en": "App password (not shown): "},
    "cli_no_password": {
        "ja": "アプリ パスワードがありません。--password-stdin で渡すか、ウィザードのステップ 13 で保存してください。",
        "en": "No app password: pass it with --password-stdin, or store it in step 13 of the wizard.",
    },
    "cli_bad_password": {"ja": "アプリ パスワード: {message}", "en": "App password: {message}"},
    "cli_stage_ok": {"ja": "完了", "en": "ok"},
    "cli_stage_failed": {"ja": "失敗", "en": "failed"},
    "cli_result_ok": {"ja": "テスト送信に成功しました（確認コード {code}）。", "en": "The test send succeeded (code {code})."},
    "cli_redo_step": {"ja": "ウィザードのステップ {number} からやり直してください。", "en": "Go back to step {number} of the wizard."},
    # Keys and commands
    "key_quit": {"ja": "終了", "en": "Quit"},
    "key_palette": {"ja": "コマンド", "en": "Commands"},
    "key_help": {"ja": "ヘルプ", "en": "Help"},
    "key_language": {"ja": "English / 日本語", "en": "日本語 / English"},
    "key_quit_bilingual": {"ja": "終了 / Quit", "en": "Quit / 終了"},
    "key_palette_bilingual": {"ja": "コマンド / Commands", "en": "Commands / コマンド"},
    "palette_placeholder": {"ja": "コマンドを検索…", "en": "Search for commands…"},
    "command_goto": {"ja": "ステップ {number} へ移動", "en": "Go to step {number}"},
    "command_account": {"ja": "Gmail アドレスと表示名を変更", "en": "Change the Gmail address and display name"},
    "command_account_help": {"ja": "ステップ 1 の前の画面を開きます", "en": "Opens the screen before step 1"},
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
    "cli_settings_help": {
        "ja": "Ecrea のメール設定に入力する値を出力します（パスワードは出力しません）",
        "en": "print the values for Ecrea's mail settings (never the password)",
    },
    "cli_json_help": {"ja": "JSON で出力します", "en": "print JSON"},
    "cli_email_help": {"ja": "Gmail アドレス（省略時は保存された値）", "en": "the Gmail address (default: the saved one)"},
    "cli_name_help": {"ja": "送信元表示名（省略時は保存された値）", "en": "the sender display name (default: the saved one)"},
    "cli_bad_email": {"ja": "--email の値が使えません: {message}", "en": "--email is not usable: {message}"},
    "cli_bad_name": {"ja": "--name の値が使えません: {message}", "en": "--name is not usable: {message}"},
    "cli_serve_help": {
        "ja": "ウィザードをブラウザーで開きます（このパソコンの中だけで動くウェブ ページ）",
        "en": "open the wizard in a web browser (a page served on this computer only)",
    },
    "cli_serve_port_help": {"ja": "ポート番号（既定: 8000）", "en": "port (default: 8000)"},
    "cli_serve_host_help": {
        "ja": "待ち受けるアドレス（既定: 127.0.0.1。ほかを指定するとネットワークの他のパソコンから開けるようになります）",
        "en": "address to listen on (default: 127.0.0.1; anything else lets other computers on the network open it)",
    },
    "cli_serve_no_browser_help": {"ja": "ブラウザーを自動で開きません", "en": "do not open a browser"},
    "serve_address": {
        "ja": "ブラウザーで次のアドレスを開いてください: {address}（終了するには Ctrl+C）",
        "en": "Open this address in a browser: {address} (Ctrl+C to stop)",
    },
    "serve_exposed": {
        "ja": (
            "注意: {host} で待ち受けます。同じネットワークの他のパソコンからもこのウィザードを開け、"
            "入力したアドレスやアプリ パスワードを操作できてしまいます。信頼できるネットワークでだけ使ってください。"
        ),
        "en": (
            "Warning: listening on {host}. Other computers on the network can open this wizard and use "
            "what is entered in it, the app password included. Use this only on a network you trust."
        ),
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
