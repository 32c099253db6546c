"""d2l.claim: makineye bağlı iddialar sınamada düşer, öğrencinin koşusunda açıklama yazar."""
import pytest

from d2lmini.claims import STRICT_ENV, claim


def test_holding_claim_prints_the_same_line_in_both_modes(monkeypatch, capsys):
    outputs = []
    for value in ('1', ''):
        monkeypatch.setenv(STRICT_ENV, value)
        assert claim(True, "şaşkınlık 1,3'ün altında", 'şaşkınlık 1,02') is True
        outputs.append(capsys.readouterr().out)
    # kayıtlı çıktı (katı) ile öğrencinin çıktısı aynı; ölçülen değer yazılmaz
    assert outputs[0] == outputs[1] == "tuttu: şaşkınlık 1,3'ün altında\n"


def test_failing_claim_raises_under_test(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, '1')
    with pytest.raises(AssertionError, match=r'tutmadı: en hızlı.*bu koşuda: en hızlı nn.RNN'):
        claim(False, 'en hızlı model 1-4', 'en hızlı nn.RNN')


@pytest.mark.parametrize('value', [None, '', '0'])
def test_failing_claim_explains_in_a_students_run(monkeypatch, capsys, value):
    if value is None:
        monkeypatch.delenv(STRICT_ENV, raising=False)
    else:
        monkeypatch.setenv(STRICT_ENV, value)
    assert claim(False, "şaşkınlık 1,3'ün altında", 'şaşkınlık 1,52') is False
    out = capsys.readouterr().out
    assert "tutmadı: şaşkınlık 1,3'ün altında (bu koşuda: şaşkınlık 1,52)" in out
    assert 'makineye bağlıdır' in out and 'defter sürüyor' in out


def test_test_session_is_strict():
    import os
    assert os.environ.get(STRICT_ENV) == '1'   # conftest.py: nbval çekirdekleri de katı
