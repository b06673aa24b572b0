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


SEARCHING = "searching…"


@dataclass
class AskTab:
    chips: gr.Radio  # the entities of the last answer; picking one opens it in Explore


def build(kb: KnowledgeBase) -> AskTab:
    """The Ask tab; call inside `gr.Tabs`."""
    with gr.Tab("Ask", id="ask"):
        turns = gr.State([])
        asked = gr.State("")  # the question being answered
        chat = gr.Chatbot(
            label="Conversation", height=380, elem_id="kb-chat", buttons=["copy", "copy_all"]
        )
        with gr.Row():
            question = gr.Textbox(
                placeholder="Ask about a cluster, district, scheme or agency…",
                show_label=False,
                scale=5,
                elem_id="kb-question",
            )
            send = gr.Button("Ask", variant="primary", scale=1, elem_id="kb-ask")
            clear = gr.Button("New conversation", scale=1)
        did_you_mean = gr.Radio(
            label="Did you mean — pick one to ask again with it",
            choices=[],
            visible=False,
            elem_id="kb-dym",
        )
        gr.Examples(EXAMPLES, inputs=question, label="Try")
        chips = gr.Radio(
            label="Entities in the answer — pick one to open it in Explore",
            choices=[],
            visible=False,
            elem_id="kb-chips",
        )
        sources = gr.HTML(render.sources({}, {}), elem_id="kb-sources")

    def show_question(message: str, history: list[Any]) -> Any:
        """The question in the conversation at once, with a searching state under it."""
        message = " ".join((message or "").split())
        if not message:
            return "", history, "", gr.update()
        history = [*(history or []), {"role": "user", "content": message},
                   {"role": "assistant", "content": SEARCHING}]  # fmt: skip
        return "", history, message, render.searching()

    def respond(message: str, history: list[Any], past: list[dict[str, Any]]) -> Any:
        if not message:
            return history, past, gr.update(), gr.update(), gr.update()
        history = list(history or [])
        last = history[-1] if history else {}
        if last.get("role") == "assistant" and SEARCHING in str(last.get("content")):
            history = history[:-1]  # the placeholder (Gradio sends content back as parts)
        try:
            with kb.bounded("this answer"):
                ans = kb.ask(message, past[-3:] if past else None).to_dict()
        except ClusterKBError as e:
            history += [{"role": "assistant", "content": str(e)}]
            return (history, past, render.error(e), gr.update(visible=False),
                    gr.update(visible=False))  # fmt: skip
        titles = {d.id: d.title for d in kb.documents()}
        text = render.answer_text(ans)  # document text made inert (render.md_text)
        history += [{"role": "assistant", "content": text}]
        ents = [(f"{e['name']} ({e['type']})", e["id"]) for e in ans["entities"][:12]]
        near = [] if ans["answered"] else kb.did_you_mean(message)
        choices = [(name, _replace(message, typed, name)) for typed, name in near]
        return (
            history,
            [*past, ans],
            render.sources(ans, titles),
            gr.update(choices=ents, value=None, visible=bool(ents)),
            gr.update(choices=choices, value=None, visible=bool(choices)),
        )

    shown = [question, chat, asked, sources]
    outs = [chat, turns, sources, chips, did_you_mean]
    for event in (send.click, question.submit):
        event(show_question, [question, chat], shown, queue=False).then(
            respond, [asked, chat, turns], outs
        )
    did_you_mean.input(show_question, [did_you_mean, chat], shown, queue=False).then(
        respond, [asked, chat, turns], outs
    )
    clear.click(lambda: ("", [], [], render.sources({}, {}), gr.update(choices=[], visible=False),
                         gr.update(choices=[], visible=False)),
                None, [question, chat, turns, sources, chips, did_you_mean])  # fmt: skip
    return AskTab(chips)


def _replace(question: str, typed: str, name: str) -> str:
    """`question` with the words as typed replaced by the known name."""
    at = question.find(typed)
    return question if at < 0 else question[:at] + name + question[at + len(typed) :]
