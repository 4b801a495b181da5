"""Writes ELAN documents with pympi-ling (not our code) into Fixtures/elan/, and beside each what it holds,
as the generator knows it (Scripts/elan-fixtures.sh runs it):

- <name>.eaf: the document, as pympi writes it;
- <name>.expected.json: per tier its type, parent, participant and number of annotations, and the markers
  a coach should get by default: one per annotation of an independent tier, at its start, with the values of
  every dependent annotation under it as `tier: value` lines in time order.

The shapes follow real ELAN files of child-language research: utterance tiers per speaker, with words in a
time subdivision, events included in an utterance, a translation (symbolic association) and part-of-speech
tags (symbolic subdivision of a word).
"""
import json
import sys

import pympi

out = sys.argv[1]


def conversation():
    eaf = pympi.Elan.Eaf(author="elan-fixtures.py")
    eaf.add_linked_file("speelhoek.mp4", mimetype="video/mp4")
    eaf.add_linguistic_type("utterance")
    eaf.add_linguistic_type("words", constraints="Time_Subdivision")
    eaf.add_linguistic_type("events", constraints="Included_In")
    eaf.add_linguistic_type("translation", constraints="Symbolic_Association", timealignable=False)
    eaf.add_linguistic_type("pos", constraints="Symbolic_Subdivision", timealignable=False)
    expected_markers = []
    for speaker, offset, count in (("Sam", 1000, 12), ("Noor", 1500, 8)):
        utt, words, events, trans, pos = (f"{speaker}-uiting", f"{speaker}-woorden", f"{speaker}-gebeurtenis",
                                          f"{speaker}-vertaling", f"{speaker}-woordsoort")
        eaf.add_tier(utt, ling="utterance", part=speaker)
        eaf.add_tier(words, ling="words", parent=utt, part=speaker)
        eaf.add_tier(events, ling="events", parent=utt, part=speaker)
        eaf.add_tier(trans, ling="translation", parent=utt, part=speaker)
        eaf.add_tier(pos, ling="pos", parent=words, part=speaker)
        for i in range(count):
            start = offset + i * 4000
            end = start + 2400
            value = f"{speaker} uiting {i + 1}"
            eaf.add_annotation(utt, start, end, value)
            lines = []  # (time, order, line)
            order = 0
            for w in range(3):
                ws, we = start + w * 800, start + (w + 1) * 800
                word = f"w{i + 1}.{w + 1}"
                eaf.add_annotation(words, ws, we, word)
                lines.append((ws, order, f"{words}: {word}")); order += 1
                tag = ["N", "V", "ADJ"][w]
                eaf.add_ref_annotation(pos, words, ws + 1, tag)
                lines.append((ws, order, f"{pos}: {tag}")); order += 1
            if i % 3 == 0:
                eaf.add_annotation(events, start + 500, start + 900, "geeft blokje")
                lines.append((start + 500, order, f"{events}: geeft blokje")); order += 1
            eaf.add_ref_annotation(trans, utt, start + 1, f"utterance {i + 1}")
            lines.append((start, -1, f"{trans}: utterance {i + 1}"))
            lines.sort()
            expected_markers.append({"ms": start, "child": speaker, "note": "\n".join([value] + [l for _, _, l in lines])})
    return eaf, expected_markers


def interactions():
    """An independent tier without a participant, a code per initiative and a reaction included in it."""
    eaf = pympi.Elan.Eaf(author="elan-fixtures.py")
    eaf.add_linguistic_type("initiative")
    eaf.add_linguistic_type("code", constraints="Symbolic_Association", timealignable=False)
    eaf.add_linguistic_type("reaction", constraints="Included_In")
    eaf.add_tier("Initiatief", ling="initiative")
    eaf.add_tier("Soort", ling="code", parent="Initiatief")
    eaf.add_tier("Reactie", ling="reaction", parent="Initiatief")
    expected_markers = []
    for i in range(6):
        start = 2000 + i * 7000
        eaf.add_annotation("Initiatief", start, start + 3000, f"initiatief {i + 1}")
        kind = ["kijkt", "zegt iets", "geeft speelgoed"][i % 3]
        eaf.add_ref_annotation("Soort", "Initiatief", start + 1, kind)
        lines = [f"Soort: {kind}"]
        if i % 2 == 0:
            eaf.add_annotation("Reactie", start + 1000, start + 2000, "lacht terug")
            lines.append("Reactie: lacht terug")
        expected_markers.append({"ms": start, "child": "Initiatief", "note": "\n".join([f"initiatief {i + 1}"] + lines)})
    return eaf, expected_markers


for name, make in (("conversation", conversation), ("interactions", interactions)):
    eaf, markers = make()
    pympi.Elan.to_eaf(f"{out}/{name}.eaf", eaf, pretty=True)
    tiers = []
    for tier in eaf.get_tier_names():
        params = eaf.get_parameters_for_tier(tier)
        ling = params.get("LINGUISTIC_TYPE_REF")
        constraint = eaf.linguistic_types[ling].get("CONSTRAINTS")
        count = len(eaf.tiers[tier][0]) + len(eaf.tiers[tier][1])
        tiers.append({"tier": tier, "type": constraint or "independent", "parent": params.get("PARENT_REF"),
                      "participant": params.get("PARTICIPANT"), "count": count})
    with open(f"{out}/{name}.expected.json", "w") as f:
        json.dump({"made_by": f"pympi-ling {pympi.__version__}", "tiers": tiers, "markers": markers}, f, indent=1, ensure_ascii=False)
        f.write("\n")
