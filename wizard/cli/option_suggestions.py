"""Unknown options refused in the user's language, with the option probably meant (`--pratice` → `--practice`).

Python 3.11's argparse has no suggestions of its own (3.14's `suggest_on_error` only
covers choices), and it reports a subcommand's unknown options from the top-level
parser; so the top-level parser looks them up among the options of the command given.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from wizard.core.texts import Texts

# Close enough to be a slip of the keyboard (a swap, one letter more or less), not another word.
SIMILARITY = 0.75


def option_strings(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions for option in action.option_strings]


def chosen_command(parser: argparse.ArgumentParser, namespace: argparse.Namespace) -> argparse.ArgumentParser | None:
    """The subcommand's parser (`check`, `serve`, ...) when one was named."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and action.dest:
            name = getattr(namespace, action.dest, None)
            found = action.choices.get(name) if name else None
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


def likely_option(word: str, candidates: Sequence[str]) -> str | None:
    if not word.startswith("--"):
        return None
    import difflib  # only for a mistyped option: every command would pay for it

    matches = difflib.get_close_matches(word.partition("=")[0], candidates, n=1, cutoff=SIMILARITY)
    return matches[0] if matches else None


class SuggestingParser(argparse.ArgumentParser):
    """The top-level parser: refuses unknown words itself, naming the option each was probably meant to be."""

    def __init__(self, *args: Any, texts: Texts, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.texts = texts

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:
        parsed, unknown = self.parse_known_args(args, namespace)
        if unknown:
            self.refuse(unknown, chosen_command(self, parsed))
        return parsed

    def refuse(self, unknown: list[str], command: argparse.ArgumentParser | None) -> NoReturn:
        candidates = option_strings(self) + (option_strings(command) if command else [])
        described = []
        for word in unknown:
            option = likely_option(word, candidates)
            described.append(word + (self.texts("cli.did_you_mean", option=option) if option else ""))
        # The command's own usage line, as argparse itself would show for the command's options.
        (command or self).error(self.texts("cli.unknown_options", options=" ".join(described)))
