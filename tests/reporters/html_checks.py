"""Parse produced HTML with the standard library and say what elements, attributes and text it has;
write a submission whose every free-text field (and file name) tries to inject markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.conftest import EXAMPLES_DIR

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMAGE)

# Every element the report and the dashboard are made of; anything else was injected.
# fmt: off
ELEMENTS = frozenset({
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "section",
    "article", "h1", "h2", "h3", "p", "div", "span", "code", "pre", "blockquote", "dl", "dt", "dd",
    "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "label", "select", "option",
    "input", "output", "svg", "g", "rect", "line", "text", "script",
})
# fmt: on


@dataclass
class Parsed:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def shape(self) -> list[tuple[str, tuple[str, ...]]]:
        """Elements and their attribute names, in order: what text must never change."""
        return [(name, tuple(sorted(attrs))) for name, attrs in self.tags]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def parse(html: str) -> Parsed:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector.parsed.text = "".join(collector._text)
    return collector.parsed


def assert_nothing_injected(parsed: Parsed, scripts: int) -> None:
    """Only our elements, no event handler, no script but ours, no link leaving the folder."""
    unknown = {name for name, _ in parsed.tags} - ELEMENTS
    assert not unknown, f"injected elements: {unknown}"
    assert len(parsed.named("script")) == scripts
    for name, attrs in parsed.tags:
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, f"event handler on <{name}>: {handlers}"
        assert "src" not in attrs, f"<{name}> loads {attrs['src']}"
        href = attrs.get("href") or ""
        assert ":" not in href.split("/")[0], f"link with a scheme: {href}"


def write_hostile_submission(directory: Path) -> Path:
    """The Đăk Hà example with markup in the agency's name and id, an activity, a reference, a
    reason, a case, and the file name itself; it stays a valid submission with gaps."""
    data = yaml.safe_load(
        (EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml").read_text(encoding="utf-8")
    )
    data["agency"]["name"] = f"{SCRIPT} Ủy ban {IMAGE}"
    data["agency"]["id"] = f"x{IMAGE}"
    data["activities"][0]["title"] = f"Hội nghị {SCRIPT}{IMAGE}"
    data["activities"][0]["cites"] = [IMAGE]
    data["obligations"]["3855/UBND-KGVX:2"] = {
        "status": "not_applicable",
        "reason": SCRIPT + IMAGE,
    }
    data["obligations"]["3855/UBND-KGVX:4"]["cases"][0]["summary"] = SCRIPT + IMAGE
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"x{IMAGE}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_batch_inputs(root: Path, hostile: bool = True) -> Path:
    """The shipped examples in two folders, one broken file, and (``hostile``) a valid submission
    and an unreadable one whose names and messages carry markup."""
    for index, example in enumerate(sorted(EXAMPLES_DIR.iterdir())):
        target = root / ("a" if index % 2 else "b") / example.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(example.read_bytes())
    (root / "b" / "hong.yaml").write_text("agency: [\n", encoding="utf-8")
    if hostile:
        write_hostile_submission(root / "c")
        (root / "c" / f"z{IMAGE}.yaml").write_text(
            f"agency: {{name: '{IMAGE}'}}\n'{SCRIPT}': 1\n", encoding="utf-8"
        )
    return root
