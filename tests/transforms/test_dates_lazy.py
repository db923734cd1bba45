"""The date grammar's dispatch tables compile each alternation on first look-up, with the eager tables' answers."""

from transforms.dates import grammar


def test_lazy_tables_answer_as_the_eager_ones_did():
    for g in (grammar.RESOLVE, grammar.SCAN):
        assert len(g.dispatch) > 100 and set(g.dispatch) == set(iter(g.dispatch))
        unknown = object()
        assert g.dispatch.get("no-such-leading-word", unknown) is unknown
        assert g.ends.get("no-such-leading-word", g.fallback) is g.fallback
        for table in (g.dispatch, g.ends):
            for word in table:
                matcher = table[word]  # compiled now
                assert matcher is None or matcher.regex.pattern
                assert table.get(word) is matcher  # and kept
        for key, (rule, rx) in g.rules.items():
            assert rx.pattern and rule.template


def test_words_with_the_same_rules_share_one_compiled_alternation():
    table = grammar.build(scan=False).dispatch
    by_rules: dict[tuple, object] = {}
    for word in table:
        matcher = table[word]
        if matcher is not None:
            names = tuple(sorted(matcher.regex.groupindex))
            assert by_rules.setdefault(names, matcher) is matcher
