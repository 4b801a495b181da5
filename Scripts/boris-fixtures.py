"""Writes BORIS exports with BORIS's own export code (boris-behav-obs from PyPI) into Fixtures/boris/.

Run through Scripts/boris-fixtures.sh, which installs BORIS 8.27.4 (and 7.13.9 for the older tabular
export) into a scratch folder. The project below is ours: a coded observation of a childcare recording
as a coach or researcher would make it (two children, point and state behaviours, a modifier set,
comments with accents, commas and quotes, a time offset, and an observation over two media files).

Usage: python boris-fixtures.py 8|7 OUTPUT_FOLDER
"""
import datetime
import os
import sys
from decimal import Decimal as dec

version, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def ethogram():
    behaviours = [
        ("kijkt", "Point event", ""),
        ("geeft speelgoed", "Point event", ""),
        ("zegt iets", "Point event", "tegen"),
        ("speelt samen", "State event", ""),
    ]
    conf = {}
    for i, (code, kind, modifier_set) in enumerate(behaviours):
        conf[str(i)] = {
            "key": "abcd"[i], "code": code, "description": "", "type": kind, "category": "contact",
            "modifiers": {"0": {"name": modifier_set, "type": 0, "values": ["Noor", "Lisa", "de leidster"]}} if modifier_set else {},
            "excluded": "", "coding map": "",
        }
    return conf


def observation(events, files, lengths, offset):
    return {
        "file": {"1": files, "2": [], "3": [], "4": [], "5": [], "6": [], "7": [], "8": []},
        "type": "MEDIA",
        "date": "2026-11-20T10:15:00",
        "description": "speelhoek, ochtend",
        "time offset": dec(offset),
        "events": events,
        "observation time interval": [0, 0],
        "independent_variables": {"groep": "Vlinders"},
        "visualize_spectrogram": False, "visualize_waveform": False, "close_behaviors_between_videos": False,
        "media_info": {"length": {f: l for f, l in zip(files, lengths)}, "fps": {f: 25.0 for f in files},
                       "hasVideo": {f: True for f in files}, "hasAudio": {f: True for f in files},
                       "offset": {"1": 0}},
    }


def e(t, subject, code, modifier="", comment="", frame=None):
    row = [dec(t), subject, code, modifier, comment]
    if version == "8":
        row.append(frame if frame is not None else "NA")
    return row


# Times are BORIS's observation times: media time plus the offset, running on across media files.
single = [
    e("12.345", "Sam", "kijkt", "", "kijkt naar Noor, die een blokje vasthoudt"),
    e("15.5", "Sam", "speelt samen", "", "begint samen te bouwen"),
    e("31.04", "Sam", "speelt samen", "", "loopt weg"),
    e("40.2", "Sam", "zegt iets", "Noor", "\"kijk!\" en wijst naar de toren"),
    e("52.001", "Noor", "geeft speelgoed", "", "geeft Sam de rode auto – één keer"),
    e("75.25", "Sam", "zegt iets", "de leidster", ""),
    e("98.76", "", "kijkt", "", "niemand in beeld"),
]
offset = [e(str(dec(t) + dec("12.5")), s, c, m, k) for t, s, c, m, k, *_ in single]
two_files = [
    e("10.0", "Sam", "kijkt", "", "in het eerste bestand"),
    e("59.96", "Noor", "geeft speelgoed", "", "vlak voor het einde van a.mp4"),
    e("61.5", "Sam", "zegt iets", "Lisa", "in b.mp4, 1,5 s na het begin"),
    e("100.04", "Sam", "kijkt", "", "in b.mp4"),
]

pj = {
    "project_name": "InBeeld fixtures", "project_date": "2026-11-20T10:00:00", "project_description": "",
    "project_format_version": "7.0", "time_format": "hh:mm:ss",
    "behaviors_conf": ethogram(),
    "subjects_conf": {"0": {"key": "1", "name": "Sam", "description": ""}, "1": {"key": "2", "name": "Noor", "description": ""}},
    "behavioral_categories": ["contact"],
    "independent_variables": {"0": {"label": "groep", "description": "", "type": "text", "default value": "", "possible values": ""}},
    "coding_map": {}, "behaviors_coding_map": [], "converters": {},
    "observations": {
        "speelhoek": observation(single, ["/home/coach/opnames/speelhoek.mp4"], [dec("360.0")], "0"),
        "met-offset": observation(offset, ["speelhoek.mp4"], [dec("360.0")], "12.5"),
        "twee-bestanden": observation(two_files, ["/data/a.mp4", "/data/b.mp4"], [dec("60.0"), dec("45.0")], "0"),
    },
}
behaviours = [b["code"] for b in pj["behaviors_conf"].values()]
subjects = ["Sam", "Noor", "No focal subject"]

if version == "8":
    from boris import config as cfg
    from boris import export_observation
    import tablib

    parameters = {cfg.SELECTED_SUBJECTS: subjects, cfg.SELECTED_BEHAVIORS: behaviours, "time": cfg.TIME_FULL_OBS,
                  cfg.START_TIME: 0, cfg.END_TIME: 0, "include modifiers": True, "exclude behaviors": False}
    for obs_id, obs in pj["observations"].items():
        for ext in ("tsv", "csv", "xlsx"):
            ok, msg = export_observation.export_tabular_events(pj, parameters, obs_id, obs, pj["behaviors_conf"],
                                                               f"{out}/events-{obs_id}.{ext}", ext)
            assert ok, msg
        # Aggregated events: BORIS's rows; with the header its export dialog gives them, and without.
        data, modifiers = export_observation.export_aggregated_events(pj, parameters, obs_id)
        header = ["Observation id", "Observation date", "Description", "Observation type", "Source", "Time offset (s)",
                  "Coding duration", "Media duration (s)", "FPS (frame/s)", "groep", "Subject",
                  "Observation duration by subject by observation", "Behavior", "Behavioral category"]
        header += [f"Modifier #{i + 1}" for i in range(modifiers)]
        header += ["Behavior type", "Start (s)", "Stop (s)", "Duration (s)", "Media file name", "Image index start",
                   "Image index stop", "Image file path start", "Image file path stop", "Comment start", "Comment stop"]
        start = header.index("Start (s)")
        rows = sorted(list(data), key=lambda r: float(r[start]))
        for ext in ("tsv", "csv", "xlsx"):
            named = tablib.Dataset(*rows, headers=header)
            named.title = obs_id
            ok, msg = export_observation.dataset_write(named, f"{out}/aggregated-{obs_id}.{ext}", ext)
            assert ok, msg
        bare = tablib.Dataset(*rows)
        ok, msg = export_observation.dataset_write(bare, f"{out}/aggregated-noheader-{obs_id}.csv", "csv")
        assert ok, msg
    # Not BORIS: a coach's own list kept in Excel (openpyxl, which BORIS brings), with times as numbers
    # (seconds) and as text, a note over two lines, an empty row and a sheet of its own name.
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Initiatieven"
    for row in [["tijd", "kind", "soort", "notitie"], [12.345, "Sam", "kijkt", "kijkt naar Noor"], [],
                ["0:01:15.25", "Noor", "", "geeft de auto\nen lacht"], [98.76, None, "zegt iets", "‘hoi’ – één woord"]]:
        sheet.append(row)
    book.save(f"{out}/excel-lijst.xlsx")
else:
    from boris import export_observation

    parameters = {"selected subjects": subjects, "selected behaviors": behaviours}
    for obs_id, obs in pj["observations"].items():
        for ext in ("tsv", "csv"):
            ok, msg = export_observation.export_events(parameters, obs_id, obs, pj["behaviors_conf"],
                                                       f"{out}/tabular7-{obs_id}.{ext}", ext)
            assert ok, msg
print(f"BORIS {version} exports written to {out} on {datetime.date.today()}")
