"""Build the tiny, real Romanian->English Argos package that the tests and the benchmark use.

Why a real model and not a mock: the translation stage is mostly about driving CTranslate2 well
(batching, caching, guarding names and degenerate output), and only a real model exercises that.
A public package is 100+ MB and cannot be downloaded here, so we train a small one ourselves:

1. template-generated Romanian/English sentence pairs about an invented story (a new bridge over the
   Danube between invented-but-plausible officials and real towns); some combinations are held out;
2. one shared SentencePiece model over both sides (argos packages carry a single
   ``sentencepiece.model``);
3. a 2+2-layer pre-norm Transformer (d_model 128, 4 heads, FFN 256) trained with torch, its weights
   saved under OpenNMT-py's names so that CTranslate2's own OpenNMT-py converter reads them (int8);
4. a ``minisbd/`` sentence-boundary model (a hand-built ONNX graph: split after . ! ? followed by a
   space) so that argostranslate's own path never tries to download a splitter;
5. zipped as ``translate-ro_en-0_1.argosmodel`` with the metadata.json fields argos expects.

This is the only code in the repository that imports torch, and only at build time. Everything is
seeded, so two runs produce the same sentences, the same SentencePiece model and (on the same
torch build) the same weights. Usage::

    .venv/bin/python scripts/build_test_package.py            # writes tests/data/
    .venv/bin/python scripts/build_test_package.py --out DIR --steps 1500

Build-time extras (not runtime dependencies): torch (already in the venv) and ``onnx`` for step 4.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import tempfile
import zipfile
from argparse import Namespace
from pathlib import Path

SEED = 20251106
REPO = Path(__file__).resolve().parent.parent
PACKAGE_NAME = "translate-ro_en-0_1"

# --- the invented story -------------------------------------------------------------------------
# Names are invented but look like real Romanian names, with diacritics, so that the tests can check
# that names come through translation intact. Towns are real Danube-side towns.
PEOPLE = [
    "Andrei Vasilescu", "Ioana Munteanu", "Mihai Drăgulescu", "Elena Stoica", "Radu Ionescu",
    "Cristina Bălan", "Sorin Pădureanu", "Teodora Ciobanu", "Vlad Mărginean", "Ana Țurcanu",
    "Gheorghe Lupu", "Daria Oprea",
]
TOWNS = ["Brăila", "Galați", "Tulcea", "Măcin", "Isaccea", "Focșani", "Buzău", "Constanța"]
DAYS = [("luni", "Monday"), ("marți", "Tuesday"), ("miercuri", "Wednesday"), ("joi", "Thursday"),
        ("vineri", "Friday")]
MONTHS = [("ianuarie", "January"), ("martie", "March"), ("mai", "May"), ("iulie", "July"),
          ("septembrie", "September"), ("noiembrie", "November")]
NUMBERS = ["20", "25", "30", "40", "45", "60", "75", "120", "150", "300", "450", "900"]

# (Romanian, English) with slots: {P} {Q} people, {C} {D} towns, {day}, {month}, {n}.
TEMPLATES = [
    ("{P} a declarat {day} că lucrările vor începe în {month}.",
     "{P} said on {day} that the works will begin in {month}."),
    ("Primarul din {C}, {P}, a anunțat un buget de {n} de milioane de lei.",
     "The mayor of {C}, {P}, announced a budget of {n} million lei."),
    ("Potrivit lui {P}, noul pod va lega {C} de {D}.",
     "According to {P}, the new bridge will link {C} to {D}."),
    ("Locuitorii din {C} au protestat {day} în fața primăriei.",
     "Residents of {C} protested on {day} in front of the town hall."),
    ("{P} și {Q} s-au întâlnit la {C} pentru a discuta proiectul.",
     "{P} and {Q} met in {C} to discuss the project."),
    ("Inginerul {P} a spus că podul va avea {n} de metri.",
     "Engineer {P} said that the bridge will be {n} metres long."),
    ("Ministrul transporturilor, {P}, a vizitat șantierul din {C}.",
     "The transport minister, {P}, visited the building site in {C}."),
    ("Proiectul costă {n} de milioane de euro și va fi gata în {month}.",
     "The project costs {n} million euros and will be ready in {month}."),
    ("„Podul este important pentru {C}”, a spus {P}.",
     "“The bridge is important for {C},” said {P}."),
    ("Consiliul județean {C} a aprobat finanțarea {day}.",
     "The {C} county council approved the funding on {day}."),
    ("{P} a fost numit director al companiei care construiește podul.",
     "{P} was appointed director of the company that is building the bridge."),
    ("Circulația între {C} și {D} va fi închisă timp de {n} de zile.",
     "Traffic between {C} and {D} will be closed for {n} days."),
    ("{P} a criticat întârzierea lucrărilor.",
     "{P} criticised the delay of the works."),
    ("Podul de la {C} va fi inaugurat în {month}.",
     "The bridge at {C} will be inaugurated in {month}."),
]


def fill(template: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    person, other = rng.sample(PEOPLE, 2)
    town, town2 = rng.sample(TOWNS, 2)
    day = rng.choice(DAYS)
    month = rng.choice(MONTHS)
    number = rng.choice(NUMBERS)
    ro, en = template
    slots_ro = {"P": person, "Q": other, "C": town, "D": town2, "day": day[0], "month": month[0],
                "n": number}
    slots_en = {**slots_ro, "day": day[1], "month": month[1]}
    return ro.format(**slots_ro), en.format(**slots_en)


def make_pairs(train_size: int, held_out_size: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Distinct pairs, every template equally often; the held-out pairs never occur in training."""
    rng = random.Random(SEED)
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    total = train_size + held_out_size
    while len(pairs) < total:
        for template in TEMPLATES:
            ro, en = fill(template, rng)
            if ro not in seen and len(pairs) < total:
                seen.add(ro)
                pairs.append((ro, en))
    rng.shuffle(pairs)
    return pairs[held_out_size:], pairs[:held_out_size]


# --- SentencePiece --------------------------------------------------------------------------------
def train_sentencepiece(pairs: list[tuple[str, str]], folder: Path, vocab_size: int) -> Path:
    """Train from memory (no corpus file): the model then records no temporary path, so two
    builds give byte-identical packages."""
    import io

    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([s for pair in pairs for s in pair]), model_writer=model,
        vocab_size=vocab_size, character_coverage=1.0, model_type="unigram",
        seed_sentencepiece_size=100000, num_threads=1, shuffle_input_sentence=False, minloglevel=2,
        # digits one by one: numbers not seen in training still come through
        split_digits=True,
    )
    path = folder / "sentencepiece.model"
    path.write_bytes(model.getvalue())
    return path


# --- the model ------------------------------------------------------------------------------------
SPECIALS = ["<unk>", "<blank>", "<s>", "</s>"]


def build_model(vocab_size: int, d_model: int, heads: int, ffn: int, layers: int, max_len: int):
    """A pre-norm Transformer whose parameter names are exactly OpenNMT-py's (see ``state_dict``)."""
    import torch
    from torch import nn

    class Attention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.linear_query = nn.Linear(d_model, d_model)
            self.linear_keys = nn.Linear(d_model, d_model)
            self.linear_values = nn.Linear(d_model, d_model)
            self.final_linear = nn.Linear(d_model, d_model)

        def forward(self, query, memory, mask):
            b, tq, _ = query.shape
            tk = memory.shape[1]
            head = d_model // heads

            def split(x, t):
                return x.view(b, t, heads, head).transpose(1, 2)

            q = split(self.linear_query(query), tq) / math.sqrt(head)
            k = split(self.linear_keys(memory), tk)
            v = split(self.linear_values(memory), tk)
            scores = (q @ k.transpose(-1, -2)).masked_fill(mask, float("-inf"))
            out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, tq, d_model)
            return self.final_linear(out)

    class FeedForward(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer_norm = nn.LayerNorm(d_model, eps=1e-6)
            self.w_1 = nn.Linear(d_model, ffn)
            self.w_2 = nn.Linear(ffn, d_model)

        def forward(self, x):
            return x + self.w_2(torch.relu(self.w_1(self.layer_norm(x))))

    class EncoderLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer_norm = nn.LayerNorm(d_model, eps=1e-6)
            self.self_attn = Attention()
            self.feed_forward = FeedForward()

        def forward(self, x, mask):
            normed = self.layer_norm(x)
            return self.feed_forward(x + self.self_attn(normed, normed, mask))

    class DecoderLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer_norm_1 = nn.LayerNorm(d_model, eps=1e-6)
            self.self_attn = Attention()
            self.layer_norm_2 = nn.LayerNorm(d_model, eps=1e-6)
            self.context_attn = Attention()
            self.feed_forward = FeedForward()

        def forward(self, x, memory, self_mask, src_mask):
            normed = self.layer_norm_1(x)
            x = x + self.self_attn(normed, normed, self_mask)
            x = x + self.context_attn(self.layer_norm_2(x), memory, src_mask)
            return self.feed_forward(x)

    class PositionalEncoding(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            position = torch.arange(max_len).unsqueeze(1).float()
            rate = torch.exp(torch.arange(0, d_model, 2).float() * -(math.log(10000.0) / d_model))
            pe = torch.zeros(max_len, d_model)
            pe[:, 0::2] = torch.sin(position * rate)
            pe[:, 1::2] = torch.cos(position * rate)
            self.register_buffer("pe", pe.unsqueeze(1))  # OpenNMT-py layout: (len, 1, dim)

    class Embeddings(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.make_embedding = nn.Module()
            self.make_embedding.emb_luts = nn.ModuleList([nn.Embedding(vocab_size, d_model)])
            self.make_embedding.pe = PositionalEncoding()

        def forward(self, ids):
            emb = self.make_embedding.emb_luts[0](ids) * math.sqrt(d_model)
            return emb + self.make_embedding.pe.pe[: ids.shape[1], 0].unsqueeze(0)

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = Embeddings()
            self.transformer = nn.ModuleList([EncoderLayer() for _ in range(layers)])
            self.layer_norm = nn.LayerNorm(d_model, eps=1e-6)

    class Decoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings = Embeddings()
            self.transformer_layers = nn.ModuleList([DecoderLayer() for _ in range(layers)])
            self.layer_norm = nn.LayerNorm(d_model, eps=1e-6)

    class Seq2Seq(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = Encoder()
            self.decoder = Decoder()
            self.generator = nn.Linear(d_model, vocab_size)

        def forward(self, src, tgt_in, pad_id):
            src_mask = (src == pad_id)[:, None, None, :]
            x = self.encoder.embeddings(src)
            for layer in self.encoder.transformer:
                x = layer(x, src_mask)
            memory = self.encoder.layer_norm(x)
            t = tgt_in.shape[1]
            future = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)[None, None]
            self_mask = future | (tgt_in == pad_id)[:, None, None, :]
            y = self.decoder.embeddings(tgt_in)
            for layer in self.decoder.transformer_layers:
                y = layer(y, memory, self_mask, src_mask)
            return self.generator(self.decoder.layer_norm(y))

    return Seq2Seq()


def train(pairs, sp_model: Path, args) -> tuple[object, list[str]]:
    import sentencepiece as spm
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = SPECIALS + [sp.id_to_piece(i) for i in range(sp.get_piece_size())
                        if sp.id_to_piece(i) not in SPECIALS]
    index = {piece: i for i, piece in enumerate(vocab)}
    pad, bos, eos = index["<blank>"], index["<s>"], index["</s>"]

    def ids(text: str) -> list[int]:
        return [index.get(p, 0) for p in sp.encode(text, out_type=str)]

    data = [(ids(ro), ids(en)) for ro, en in pairs]
    max_len = max(max(len(s), len(t)) for s, t in data) + 8
    model = build_model(len(vocab), args.d_model, args.heads, args.ffn, args.layers, max(256, max_len))
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=pad, label_smoothing=0.05)
    rng = random.Random(SEED)

    def pad_to(rows: list[list[int]]) -> torch.Tensor:
        width = max(len(r) for r in rows)
        return torch.tensor([r + [pad] * (width - len(r)) for r in rows])

    model.train()
    for step in range(1, args.steps + 1):
        batch = rng.sample(data, min(args.batch, len(data)))
        src = pad_to([s for s, _ in batch])
        tgt_in = pad_to([[bos] + t for _, t in batch])
        tgt_out = pad_to([t + [eos] for _, t in batch])
        warmup = min(1.0, step / 100)
        decay = 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in optimizer.param_groups:
            group["lr"] = args.lr * warmup * (0.1 + 0.9 * decay)
        logits = model(src, tgt_in, pad)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step % 200 == 0 or step == 1:
            print(f"step {step:5d}  loss {loss.item():.3f}", flush=True)
    model.eval()
    return model, vocab


def save_opennmt_checkpoint(model, vocab: list[str], args, path: Path) -> None:
    """Save the weights the way OpenNMT-py does, so CTranslate2's converter reads them unchanged."""
    import torch

    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    generator = {k.split(".", 1)[1]: state.pop(k) for k in list(state) if k.startswith("generator.")}
    opt = Namespace(
        encoder_type="transformer", decoder_type="transformer", enc_layers=args.layers,
        dec_layers=args.layers, heads=args.heads, position_encoding=True,
        max_relative_positions=0, pos_ffn_activation_fn="relu", self_attn_type="scaled-dot",
        hidden_size=args.d_model, transformer_ff=args.ffn, lambda_align=0.0,
    )
    torch.save({"model": state, "generator": generator, "opt": opt,
                "vocab": {"src": vocab, "tgt": vocab}}, path)


def convert(checkpoint: Path, out_dir: Path) -> None:
    from ctranslate2.converters import OpenNMTPyConverter

    # our own file, written a moment ago: safe to unpickle the argparse.Namespace in it
    OpenNMTPyConverter(str(checkpoint), unsafe_deserialization=True).convert(
        str(out_dir), quantization="int8", force=True)


# --- minisbd splitter for argostranslate's own path --------------------------------------------
def build_minisbd(path: Path, characters: str) -> None:
    """A tiny ONNX graph in MiniSBD's format (inputs ``units``/``features``, 5 labels per char):
    every character ends a token, and . ! ? followed by a space or the end ends a sentence.
    Argos only needs *a* splitter inside the package so that it never goes to the internet."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = ["<PAD>", "<UNK>", "<EMPTY>", "<ROOT>"] + sorted(set(characters) | {" "})
    unit2id = {u: i for i, u in enumerate(units)}
    token_end = np.zeros((len(units), 5), dtype=np.float32)
    token_end[:, 1] = 1.0  # label 1: end of token
    terminal = np.zeros((len(units),), dtype=np.float32)
    space_or_pad = np.zeros((len(units),), dtype=np.float32)
    for mark in ".!?":
        if mark in unit2id:
            terminal[unit2id[mark]] = 1.0
    space_or_pad[unit2id[" "]] = 1.0
    space_or_pad[unit2id["<PAD>"]] = 1.0
    boost = np.array([0, 0, 2, 0, 0], dtype=np.float32)  # label 2: end of sentence

    nodes = [
        helper.make_node("Gather", ["token_end", "units"], ["base"], axis=0),
        helper.make_node("Gather", ["terminal", "units"], ["is_terminal"], axis=0),
        helper.make_node("Slice", ["units", "one", "big", "one"], ["next_units"]),
        helper.make_node("Slice", ["units", "zero", "one", "one"], ["first_col"]),
        helper.make_node("Mul", ["first_col", "zero_i"], ["pad_col"]),
        helper.make_node("Concat", ["next_units", "pad_col"], ["shifted"], axis=1),
        helper.make_node("Gather", ["space_or_pad", "shifted"], ["next_is_space"], axis=0),
        helper.make_node("Mul", ["is_terminal", "next_is_space"], ["ends"]),
        helper.make_node("Unsqueeze", ["ends", "last_axis"], ["ends3"]),
        helper.make_node("Mul", ["ends3", "boost"], ["extra"]),
        helper.make_node("Add", ["base", "extra"], ["logits"]),
    ]
    initializers = [
        numpy_helper.from_array(token_end, "token_end"),
        numpy_helper.from_array(terminal, "terminal"),
        numpy_helper.from_array(space_or_pad, "space_or_pad"),
        numpy_helper.from_array(boost, "boost"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([2**62], dtype=np.int64), "big"),
        numpy_helper.from_array(np.array(0, dtype=np.int64), "zero_i"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "last_axis"),
    ]
    graph = helper.make_graph(
        nodes, "minisbd_punct",
        [helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "time"]),
         helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "time", 1])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "time", 5])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab_state = {"lang": "ro", "idx": 0, "cutoff": 0, "lower": False,
                   "_unit2id": unit2id, "_id2unit": units}
    helper.set_model_props(model, {
        "lang_code": "ro",
        "config": json.dumps({"feat_funcs": ["space_before"], "max_seqlen": 1000,
                              "batch_size": 32, "use_dictionary": False}),
        "vocab": json.dumps(vocab_state),
        "lexicon": "null",
    })
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


# --- packaging ------------------------------------------------------------------------------------
METADATA = {
    "package_version": "0.1",
    "argos_version": "1.9",
    "from_code": "ro",
    "from_name": "Romanian",
    "to_code": "en",
    "to_name": "English",
    "type": "translate",
    "code": PACKAGE_NAME,
    "links": [],
}


def zip_package(folder: Path, archive: Path) -> None:
    """Deterministic zip (sorted entries, fixed timestamps) of ``folder`` under its own name."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(Path(folder.name) / path.relative_to(folder)),
                                       date_time=(2025, 11, 6, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "data")
    parser.add_argument("--train-size", type=int, default=420)
    parser.add_argument("--held-out", type=int, default=40)
    parser.add_argument("--vocab-size", type=int, default=260)
    parser.add_argument("--steps", type=int, default=1200)
    parser.add_argument("--batch", type=int, default=48)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--ffn", type=int, default=256)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    train_pairs, held_out = make_pairs(args.train_size, args.held_out)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = work / PACKAGE_NAME
        package.mkdir()
        sp_model = train_sentencepiece(train_pairs, work, args.vocab_size)
        shutil.copy(sp_model, package / "sentencepiece.model")
        model, vocab = train(train_pairs, sp_model, args)
        checkpoint = work / "model.pt"
        save_opennmt_checkpoint(model, vocab, args, checkpoint)
        convert(checkpoint, package / "model")
        characters = "".join(s for pair in train_pairs for s in pair)
        build_minisbd(package / "minisbd" / "ro.onnx", characters)
        (package / "metadata.json").write_text(json.dumps(METADATA, indent=2) + "\n")
        (package / "README.md").write_text(
            "Tiny Romanian->English test model built by scripts/build_test_package.py.\n"
            "It only knows the sentences of one invented story; do not use it for real text.\n")
        zip_package(package, args.out / f"{PACKAGE_NAME}.argosmodel")
    with open(args.out / "ro_en_pairs.jsonl", "w", encoding="utf-8") as out:
        for split, rows in (("train", train_pairs), ("held_out", held_out)):
            out.writelines(
                json.dumps({"split": split, "ro": ro, "en": en}, ensure_ascii=False) + "\n" for ro, en in rows
            )
    print(f"wrote {args.out / (PACKAGE_NAME + '.argosmodel')}")


if __name__ == "__main__":
    main()
