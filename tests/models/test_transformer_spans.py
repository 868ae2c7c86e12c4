"""Tests for the fine-tuned transformer span tagger, on sentences written here.

The alignment and decoding helpers are plain functions over lists and run everywhere;
the training tests need torch and build a tiny randomly initialised BERT (hidden size
32, two layers, a vocabulary of the words below) so they run in seconds.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.models.spans import bio_spans, parse_bio, span_scores
from eventscope.models.transformer_spans import (
    IGNORE,
    TAGS,
    TransformerSpanConfig,
    TransformerSpanTagger,
    argmax_tags,
    decode_spans,
    first_pieces,
    piece_labels,
    tag_ids,
    viterbi_tags,
    word_scores,
)

BIO = """\
Rebels B-S
shelled O
the B-T
town I-T
. O

Police B-S
arrested O
dozens B-T
of I-T
protesters I-T
. O

Troops B-R
and O
militants B-R
clashed O
. O

The B-S
army I-S
bombed O
rebel B-T
positions I-T
. O

Gunmen B-S
kidnapped O
two B-T
aid I-T
workers I-T
. O
"""

LOW = math.log(1e-4)  # log-probability of an unlikely tag
HIGH = math.log(0.9)


def _row(**best: float) -> list[float]:
    """A row of tag scores: LOW everywhere except the tags given (``B_S=HIGH``)."""
    return [best.get(tag.replace("-", "_"), LOW) for tag in TAGS]


# --- alignment -------------------------------------------------------------------------


def test_piece_labels_first_piece_only() -> None:
    # [CLS] Hamas fired at Sd ##ero ##t [SEP] [PAD]: "Sderot" is three pieces.
    word_ids = [None, 0, 1, 2, 3, 3, 3, None, None]
    labels = [TAGS.index("B-S"), 0, 0, TAGS.index("B-T")]
    assert piece_labels(word_ids, labels) == [
        IGNORE, labels[0], 0, 0, labels[3], IGNORE, IGNORE, IGNORE, IGNORE,
    ]  # fmt: skip


def test_piece_labels_word_split_around_special_tokens() -> None:
    # A word that is the first piece after [CLS] is still labelled; a word id that
    # reappears after a None (never happens in one sentence) is not relabelled twice.
    assert piece_labels([None, 0, 0, 1, None], [1, 2]) == [IGNORE, 1, IGNORE, 2, IGNORE]
    assert piece_labels([], []) == []


def test_first_pieces_marks_truncated_words() -> None:
    # Four words, but truncation kept pieces of the first two only.
    assert first_pieces([None, 0, 0, 1, None], 4) == [1, 3, None, None]


def test_word_scores_reads_first_piece_and_fills_gaps() -> None:
    pieces = [_row(O=0.0), _row(B_S=HIGH), _row(I_S=HIGH), _row(O=HIGH), _row(O=0.0)]
    scores = word_scores(pieces, [None, 0, 0, 1, None], 3)
    assert scores[0] == pieces[1]  # the first piece, not the continuation
    assert scores[1] == pieces[3]
    assert len(set(scores[2])) == 1  # a word with no piece: no preference


def test_tag_ids_normalise_stray_inside_tags() -> None:
    sentence = [("Rebels", "I-S"), ("shelled", "O"), ("the", "B-T"), ("town", "I-T")]
    assert [TAGS[i] for i in tag_ids(sentence)] == ["B-S", "O", "B-T", "I-T"]
    assert tag_ids([("Talks", "O"), ("resumed", "B-X")]) == [0, 0]  # unknown role: O


# --- decoding --------------------------------------------------------------------------


def test_viterbi_repairs_what_argmax_breaks() -> None:
    # "Rebel fighters shelled Gaza": argmax says I-S on "Rebel" and B-S I-T after it.
    scores = [
        _row(I_S=math.log(0.5), B_S=math.log(0.4)),
        _row(I_S=math.log(0.6), I_T=math.log(0.3)),
        _row(O=HIGH),
        _row(B_T=HIGH),
    ]
    assert argmax_tags(scores) == ["I-S", "I-S", "O", "B-T"]
    assert viterbi_tags(scores) == ["B-S", "I-S", "O", "B-T"]
    assert decode_spans(scores, "viterbi") == [("S", 0, 1), ("T", 3, 3)]
    # Argmax still yields the same spans here: bio_spans opens a span at a stray I-.
    assert decode_spans(scores, "argmax") == [("S", 0, 1), ("T", 3, 3)]


def test_viterbi_never_continues_another_role() -> None:
    # B-S then a word that looks like I-T: valid BIO makes it B-T or I-S, not I-T.
    scores = [_row(B_S=HIGH), _row(I_T=math.log(0.7), I_S=math.log(0.2), B_T=math.log(0.1))]
    tags = viterbi_tags(scores)
    assert tags[1] != "I-T"
    assert argmax_tags(scores) == ["B-S", "I-T"]
    assert bio_spans(argmax_tags(scores)) == [("S", 0, 0), ("T", 1, 1)]


def test_decoders_agree_on_clean_scores_and_handle_empty() -> None:
    scores = [_row(B_R=HIGH), _row(O=HIGH), _row(B_R=HIGH), _row(I_R=HIGH), _row(O=HIGH)]
    assert viterbi_tags(scores) == argmax_tags(scores) == ["B-R", "O", "B-R", "I-R", "O"]
    assert decode_spans(scores) == [("R", 0, 0), ("R", 2, 3)]
    assert viterbi_tags([]) == [] and decode_spans([]) == []
    flat = [[0.0] * len(TAGS)]
    assert argmax_tags(flat) == ["O"]  # a tie goes to O


def test_config_rejects_bad_settings() -> None:
    with pytest.raises(ConfigError, match=r"E112.*decode"):
        TransformerSpanConfig(decode="crf")
    with pytest.raises(ConfigError, match=r"E112.*epochs"):
        TransformerSpanConfig(epochs=0)
    assert TransformerSpanConfig().key()["format"] >= 1


# --- training (torch) ------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_span_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised two-layer BERT with a word-level vocabulary of BIO's words."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder = tmp_path_factory.mktemp("tiny-bert")
    words = sorted({token.lower() for s in parse_bio(BIO) for token, _ in s})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, "##s"]
    pieces = {piece: i for i, piece in enumerate(vocab)}
    transformers.BertTokenizer(vocab=pieces).save_pretrained(folder)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64,
    )  # fmt: skip
    transformers.utils.logging.disable_progress_bar()
    torch.manual_seed(0)  # the random initial weights: the same tiny model every run
    transformers.BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_tagger(tiny_span_base: Path) -> TransformerSpanTagger:
    config = TransformerSpanConfig(epochs=30, batch_size=2, learn_rate=3e-3, head_learn_rate=1e-2,
                                   warmup=0.0, dropout=0.0)  # fmt: skip
    return TransformerSpanTagger.train(parse_bio(BIO), config, base=tiny_span_base,
                                       training={"data": "written for the test"})  # fmt: skip


def test_tiny_tagger_learns_its_training_sentences(tiny_tagger: TransformerSpanTagger) -> None:
    sentences = parse_bio(BIO)
    gold = [bio_spans([tag for _, tag in s]) for s in sentences]
    found = tiny_tagger.predict([[t for t, _ in s] for s in sentences])
    assert span_scores(gold, found)["f1"] >= 0.9
    record = tiny_tagger.training
    assert (record["n_sentences"], record["n_spans"]) == (5, 10)
    assert record["data"] == "written for the test"


def test_tiny_tagger_aligns_tags_to_real_word_pieces(tiny_tagger: TransformerSpanTagger) -> None:
    # "towns" is "town" + "##s" and "Zzyzx" is unknown: the tag sits on the first piece.
    words = ["Rebels", "shelled", "towns", "Zzyzx"]
    labels = [TAGS.index("B-S"), 0, TAGS.index("B-T"), TAGS.index("I-T")]
    ids, targets, word_ids = tiny_tagger._encode(words, labels)
    assert tiny_tagger.tokenizer.convert_ids_to_tokens(ids) == [
        "[CLS]", "rebels", "shelled", "town", "##s", "[UNK]", "[SEP]",
    ]  # fmt: skip
    assert word_ids == [None, 0, 1, 2, 2, 3, None]
    assert targets == [IGNORE, labels[0], 0, labels[2], IGNORE, labels[3], IGNORE]


def test_tiny_tagger_predictions_shape(tiny_tagger: TransformerSpanTagger) -> None:
    # Empty sentences, unknown words and a word the vocabulary splits all come back
    # with in-range spans, in input order.
    words = [["Rebels", "shelled", "the", "town", "."], [], ["Zzyzx", "qwerty"], ["Police"]]
    found = tiny_tagger.predict(words, batch_size=2)
    assert len(found) == len(words) and found[1] == []
    for sentence, spans in zip(words, found, strict=True):
        for role, first, last in spans:
            assert role in {"S", "T", "R"} and 0 <= first <= last < len(sentence)


def test_tiny_tagger_save_load_round_trip(
    tiny_tagger: TransformerSpanTagger, tmp_path: Path
) -> None:
    folder = tiny_tagger.save(tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text())
    assert meta["tags"] == list(TAGS) and meta["config"]["epochs"] == 30
    assert (folder / "head.safetensors").exists()
    assert list((folder / "encoder").glob("*.safetensors"))
    assert not list(folder.rglob("*.bin")) and not list(folder.rglob("*.pkl"))
    loaded = TransformerSpanTagger.load(folder)
    words = [[t for t, _ in s] for s in parse_bio(BIO)] + [["Troops", "shelled", "rebels"]]
    assert loaded.predict(words) == tiny_tagger.predict(words)
    assert loaded.config == tiny_tagger.config


def test_tiny_tagger_is_deterministic_and_scores_dev(tiny_span_base: Path) -> None:
    sentences = parse_bio(BIO)
    config = TransformerSpanConfig(epochs=2, batch_size=2)
    seen: list[int] = []
    first = TransformerSpanTagger.train(
        sentences[:4],
        config,
        dev=sentences[4:],
        base=tiny_span_base,
        on_epoch=lambda epoch, _: seen.append(epoch),
    )
    second = TransformerSpanTagger.train(
        sentences[:4], config, dev=sentences[4:], base=tiny_span_base
    )
    assert seen == [1, 2]
    assert first.training["dev_by_epoch"] == second.training["dev_by_epoch"]
    assert {"loss", "precision", "recall", "f1"} <= set(first.training["dev_by_epoch"][0])


def test_tiny_tagger_missing_or_foreign_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E110"):
        TransformerSpanTagger.load(tmp_path / "nothing-here")
    (tmp_path / "spacy").mkdir()
    (tmp_path / "spacy" / "model.json").write_text(json.dumps({"format": 1, "kind": "span_tagger"}))
    with pytest.raises(ConfigError, match="E110"):
        TransformerSpanTagger.load(tmp_path / "spacy")
