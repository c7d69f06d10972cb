"""Properties: parse never raises, and every evidence span slices exactly its sentence."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletins.pipeline import parse
from bulletins.pipeline.normalising import normalise

PIECES = [
    "市长", "党工委副书记、管委会主任", "董事长", "王", "李", "欧阳", "建国", "有限公司", "(", ")", "(", ")", "集团",
    "项目", "一期", "总投资", "22", "5.4", "万", "亿", "元", "吨/年", "GW", "MW", "片/月", "年产", "8月5日", "上午",
    ",", ",", "。", "、", "等", "参加", "主持", "强调", "要", "解决好资金、供地等问题", "1-5月份", "总产值",
    "\n", "\n\n\n",
    "月底投产", "由", "建设", "“", "”", " ", "图为", "%", "同比增长",
]
chinese_soup = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=300), chinese_soup, st.tuples(st.text(max_size=50), chinese_soup).map("".join))


def _evidence(node):
    if isinstance(node, dict):
        yield from node.get("evidence", [])
        for value in node.values():
            yield from _evidence(value)
    elif isinstance(node, list):
        for value in node:
            yield from _evidence(value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2035, 12, 31)))
def test_parse_never_raises_and_evidence_is_exact(text, day):
    result = parse(text, day).to_schema()
    for ev in _evidence(result):
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
        assert 0 <= ev["start"] <= ev["end"] <= len(text)


@given(text=any_text)
def test_normalised_offsets_point_into_original(text):
    norm = normalise(text)
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
