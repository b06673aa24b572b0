"""Ask: a conversation with the knowledge base; each answer shows its cited sentences and
the entities it names, which `ui.app` links to Explore."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from clusterkb.service import KnowledgeBase
from kb.errors import ClusterKBError
from ui import render

EXAMPLES = [
    "Who anchors the Muzaffarpur bag cluster?",
    "Which agency mobilised the women entrepreneurs of the Muzaffarpur bag cluster?",
    "What is the ODOP product of Gaya?",
    "Which schemes support the Umden Eri Cluster?",
    "How many clusters is Bokaro creating?",
]


@dataclass
class AskTab:
    chips: gr.Radio  # the entities of the last answer; picking one opens it in Explore


def build(kb: KnowledgeBase) -> AskTab:
    """The Ask tab; call inside `gr.Tabs`."""
    with gr.Tab("Ask", id="ask"):
        turns = gr.State([])
        chat = gr.Chatbot(label="Conversation", height=380, elem_id="kb-chat")
        with gr.Row():
            question = gr.Textbox(
                placeholder="Ask about a cluster, district, scheme or agency…",
                show_label=False,
                scale=5,
                elem_id="kb-question",
            )
            send = gr.Button("Ask", variant="primary", scale=1, elem_id="kb-ask")
            clear = gr.Button("New conversation", scale=1)
        gr.Examples(EXAMPLES, inputs=question, label="Try")
        chips = gr.Radio(
            label="Entities in the answer — pick one to open it in Explore",
            choices=[],
            visible=False,
            elem_id="kb-chips",
        )
        sources = gr.HTML(render.sources({}, {}), elem_id="kb-sources")

    def respond(message: str, history: list[Any], past: list[dict[str, Any]]) -> Any:
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            return "", history, past, render.sources({}, {}), gr.update()
        try:
            ans = kb.ask(message, past[-3:] if past else None).to_dict()
        except ClusterKBError as e:
            history += [{"role": "user", "content": message},
                        {"role": "assistant", "content": str(e)}]  # fmt: skip
            return "", history, past, render.error(e), gr.update(visible=False)
        titles = {d.id: d.title for d in kb.documents()}
        # document text is shown as text: no links or images of its own (render.md_text)
        said = render.md_text(ans["answer"])
        text = said if ans["answered"] else f"**Not in the knowledge base.** {said}"
        if ans["answered"] and ans["citations"]:
            text += "\n\n**Sources**\n" + "\n".join(
                f"{i}. [{render.md_text(render.short(titles.get(c['document'], c['document']), 90))}]"
                f"({render.doc_link(c['document'], c.get('locator'))}) — “{render.md_text(c['text'][:220])}”"
                for i, c in enumerate(ans["citations"][:3], start=1)
            )
        history += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": text},
        ]
        ents = [(f"{e['name']} ({e['type']})", e["id"]) for e in ans["entities"][:12]]
        return (
            "",
            history,
            [*past, ans],
            render.sources(ans, titles),
            gr.update(choices=ents, value=None, visible=bool(ents)),
        )

    outs = [question, chat, turns, sources, chips]
    send.click(respond, [question, chat, turns], outs)
    question.submit(respond, [question, chat, turns], outs)
    clear.click(lambda: ("", [], [], render.sources({}, {}), gr.update(choices=[], visible=False)),
                None, outs)  # fmt: skip
    return AskTab(chips)
