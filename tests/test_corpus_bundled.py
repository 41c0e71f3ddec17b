from importlib import resources


def test_sample_corpus_ships_with_the_package():
    corpus = resources.files("kkrgraph") / "data" / "corpus"
    names = sorted(p.name for p in corpus.iterdir() if p.name.endswith(".txt"))
    assert len(names) == 4
    assert "002_d8366a9f1015045a.txt" in names
