"""Mail: the test send over SMTP, its diagnosis, the sample message and the practice server (no Textual)."""
