"""save_model / load_model: birebir geri dönüş, atomik yazma, güvenli yükleme (weights_only)
ve bozuk, yarım ya da yabancı dosyalar için açık bir hata."""
import importlib
import os
import pathlib
import pickle

import pytest
import torch

import d2lmini as d2l

ckpt = importlib.import_module('d2lmini.checkpoint')


@pytest.fixture
def model(time_machine):
    _, vocab = time_machine
    net = d2l.RNNModelScratch(len(vocab), 24, 'cpu', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    with torch.no_grad():   # eğitilmiş gibi: çıktılar belirgin olsun
        for p in net.params:
            p.normal_(0, 0.3)
    return net, vocab


@pytest.fixture
def saved(model, tmp_path):
    net, vocab = model
    path = tmp_path / 'model.pt'
    d2l.save_model(net, vocab, path)
    return path


def test_round_trip(model, saved):
    net, vocab = model
    net2, vocab2 = d2l.load_model(saved, device='cpu')
    assert type(net2) is d2l.RNNModelScratch
    assert (net2.vocab_size, net2.num_hiddens) == (net.vocab_size, net.num_hiddens)
    for p, p2 in zip(net.params, net2.params):
        assert torch.equal(p, p2) and p2.requires_grad and p2.is_leaf and p2.dtype == torch.float32
    # kelime dağarcığı birebir: aynı andıçlar, aynı indisler, aynı sıklıklar
    assert vocab2.idx_to_token == vocab.idx_to_token
    assert vocab2.token_to_idx == vocab.token_to_idx
    assert vocab2.token_freqs == vocab.token_freqs
    assert len(vocab2) == 28 and vocab2.unk == 0 and vocab2['zzz'] == 0
    # aynı tahminler
    X = torch.randint(0, len(vocab), (3, 7))
    y, (H,) = net(X, net.begin_state(3, 'cpu'))
    y2, (H2,) = net2(X, net2.begin_state(3, 'cpu'))
    assert torch.equal(y, y2) and torch.equal(H, H2)
    assert (d2l.predict_ch8('time traveller', 50, net2, vocab2, 'cpu')
            == d2l.predict_ch8('time traveller', 50, net, vocab, 'cpu'))
    g = lambda: torch.Generator().manual_seed(3)
    assert (d2l.sample_ch8('the ', 50, net2, vocab2, 'cpu', generator=g())
            == d2l.sample_ch8('the ', 50, net, vocab, 'cpu', generator=g()))


def test_loaded_model_trains_and_saves_again(saved, tmp_path):
    net, vocab = d2l.load_model(saved, device='cpu')
    X = torch.randint(0, len(vocab), (2, 5))
    y, _ = net(X, net.begin_state(2, 'cpu'))
    y.sum().backward()
    assert all(p.grad is not None for p in net.params)
    d2l.save_model(net, vocab, tmp_path / 'again.pt')
    assert d2l.load_model(tmp_path / 'again.pt', 'cpu')[1].idx_to_token == vocab.idx_to_token


def test_vocab_with_reserved_tokens_and_ties(tmp_path):
    vocab = d2l.Vocab([['b', 'a', 'c'], ['a', 'b', 'd', 'a']], reserved_tokens=['<pad>', '<bos>'])
    net = d2l.RNNModelScratch(len(vocab), 4, 'cpu', d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    d2l.save_model(net, vocab, tmp_path / 'm.pt')
    _, vocab2 = d2l.load_model(tmp_path / 'm.pt', 'cpu')
    assert vocab2.idx_to_token == ['<unk>', '<pad>', '<bos>', 'a', 'b', 'c', 'd']
    assert vocab2[['d', 'a', '<bos>', 'x']] == vocab[['d', 'a', '<bos>', 'x']] == [6, 3, 2, 0]
    assert vocab2.token_freqs == vocab.token_freqs


def test_load_does_not_touch_global_rng(saved):
    torch.manual_seed(1)
    expected = torch.rand(3)
    torch.manual_seed(1)
    d2l.load_model(saved, 'cpu')
    assert torch.equal(torch.rand(3), expected)


def test_default_device(saved):
    net, _ = d2l.load_model(saved)
    assert net.params[0].device.type == d2l.try_gpu().type


def test_atomic_write_keeps_old_file(model, saved, monkeypatch):
    net, vocab = model
    before = saved.read_bytes()

    def broken_save(obj, f):
        f.write(b'PK\x03\x04 yarim')
        raise OSError('disk doldu')

    monkeypatch.setattr(torch, 'save', broken_save)
    with pytest.raises(OSError, match='disk doldu'):
        d2l.save_model(net, vocab, saved)
    assert saved.read_bytes() == before          # eski dosya bozulmadı
    assert sorted(p.name for p in saved.parent.iterdir()) == ['model.pt']   # geçici dosya kalmadı


def test_file_holds_only_tensors_and_plain_data(saved):
    data = torch.load(saved, weights_only=True)

    def walk(x):
        if isinstance(x, dict):
            assert all(isinstance(k, str) for k in x)
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
        else:
            assert isinstance(x, (torch.Tensor, str, int, float, bool, type(None)))
    walk(data)
    assert data['format'] == 'd2lmini-model' and data['version'] == 1


def expect_clear_error(path, reason=''):
    with pytest.raises(d2l.CheckpointError) as info:
        d2l.load_model(path, 'cpu')
    assert isinstance(info.value, ValueError)
    assert 'save_model' in str(info.value) and str(path) in str(info.value)   # ne yapılacağı
    assert reason in str(info.value)


def resave(data, path):
    """İçerik özetini yeniden hesaplayıp kaydeder: özetin ardındaki denetimlere ulaşmak için."""
    data.pop('sha256', None)
    data['sha256'] = ckpt._digest(data)
    torch.save(data, path)


def test_text_file(tmp_path):
    path = tmp_path / 'notlar.pt'
    path.write_text('bu bir model değil\n', encoding='utf-8')
    expect_clear_error(path)


def test_random_bytes_and_empty_file(tmp_path):
    path = tmp_path / 'rastgele.pt'
    path.write_bytes(os.urandom(4096))
    expect_clear_error(path)
    path.write_bytes(b'')
    expect_clear_error(path)


@pytest.mark.parametrize('fraction', [0.1, 0.5, 0.9])
def test_truncated_file(saved, fraction):
    data = saved.read_bytes()
    saved.write_bytes(data[:int(len(data) * fraction)])
    expect_clear_error(saved)


def test_corrupted_bytes(saved):
    data = bytearray(saved.read_bytes())
    start = len(data) // 3
    data[start:start + 64] = b'\xff' * 64
    saved.write_bytes(bytes(data))
    with pytest.raises(d2l.CheckpointError):
        d2l.load_model(saved, 'cpu')


@pytest.mark.parametrize('content', [
    torch.ones(3),                                            # çıplak bir tensör
    {'weight': torch.ones(2, 2)},                             # başka bir modelin state_dict'i
    [torch.zeros(1)],
])
def test_foreign_torch_files(tmp_path, content):
    path = tmp_path / 'yabanci.pt'
    torch.save(content, path)
    expect_clear_error(path, 'biçim imi yok')


def test_other_version_and_kind(saved):
    data = torch.load(saved, weights_only=True)
    data['version'] = 99   # gelecekteki bir sürüm
    resave(data, saved)
    expect_clear_error(saved, 'sürüm')
    data['version'], data['kind'] = 1, 'GPT'
    resave(data, saved)
    expect_clear_error(saved, "'GPT'")


def test_tampered_checkpoint(saved):
    data = torch.load(saved, weights_only=True)
    data['model']['params'][0][0, 0] += 1   # tek bir ağırlık değişti, özet değişmedi
    torch.save(data, saved)
    expect_clear_error(saved, 'özeti tutmuyor')
    data['model']['params'][1] = torch.zeros(3, 3)   # yanlış biçimde W_hh
    resave(data, saved)
    expect_clear_error(saved, 'biçimi tutmuyor')
    data = torch.load(saved, weights_only=True)
    data['model']['params'][1] = torch.zeros(24, 24)
    data['vocab']['idx_to_token'] = ['<unk>', 'a', 'a'] + [str(i) for i in range(25)]
    resave(data, saved)
    expect_clear_error(saved, 'andıç listesi')


class Payload:
    """Yüklenirken bir dosya yaratmaya çalışan nesne: weights_only olmasa kod çalışırdı."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (pathlib.Path(self.marker),))


def test_pickled_object_is_refused_and_not_executed(tmp_path, model):
    net, vocab = model
    marker = tmp_path / 'calisti'
    for name, write in [('torch.pt', lambda obj, p: torch.save(obj, p)),
                        ('pickle.pt', lambda obj, p: p.write_bytes(pickle.dumps(obj)))]:
        path = tmp_path / name
        write({'format': 'd2lmini-model', 'version': 1, 'kind': 'RNNModelScratch',
               'model': Payload(marker), 'vocab': {}}, path)
        expect_clear_error(path)
        assert not marker.exists()
    # Oracle: aynı dosya weights_only=False ile gerçekten kod çalıştırır
    torch.load(tmp_path / 'torch.pt', weights_only=False)
    assert marker.exists()


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match='save_model'):
        d2l.load_model(tmp_path / 'yok.pt')
    with pytest.raises(FileNotFoundError):
        d2l.load_model(tmp_path)   # bir klasör


def test_save_refuses_what_it_cannot_restore(model, tmp_path):
    net, vocab = model

    def relu_rnn(inputs, state, params):
        return d2l.rnn(inputs, state, params)

    other = d2l.RNNModelScratch(len(vocab), 4, 'cpu', d2l.get_params, d2l.init_rnn_state, relu_rnn)
    with pytest.raises(ValueError, match='relu_rnn'):
        d2l.save_model(other, vocab, tmp_path / 'x.pt')
    with pytest.raises(ValueError, match='uyuşmuyor'):
        d2l.save_model(net, d2l.Vocab([list('abc')]), tmp_path / 'x.pt')
    with pytest.raises(ValueError, match='kaydedilemiyor'):
        d2l.save_model(torch.nn.Linear(2, 2), vocab, tmp_path / 'x.pt')
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not hasattr(d2l, 'RNNModelFast'), reason='d2lmini.RNNModelFast henüz yok')
@pytest.mark.parametrize('forward', ['rnn_fast', 'rnn_hoisted'])
def test_fast_model_round_trip(time_machine, tmp_path, forward):
    fast = importlib.import_module('d2lmini.fast')
    _, vocab = time_machine
    net = d2l.RNNModelFast(len(vocab), 16, 'cpu', forward_fn=getattr(fast, forward))
    with torch.no_grad():
        for p in net.params:
            p.normal_(0, 0.3)
    d2l.save_model(net, vocab, tmp_path / 'fast.pt')
    torch.manual_seed(1)
    expected = torch.rand(3)
    torch.manual_seed(1)
    net2, vocab2 = d2l.load_model(tmp_path / 'fast.pt', 'cpu')
    assert torch.equal(torch.rand(3), expected)   # genel üretece dokunulmadı
    assert type(net2) is d2l.RNNModelFast and net2.forward_fn is getattr(fast, forward)
    assert vocab2.idx_to_token == vocab.idx_to_token
    for p, p2 in zip(net.params, net2.params, strict=True):
        assert torch.equal(p, p2) and p2.requires_grad and p2.is_leaf
    assert (d2l.predict_ch8('time traveller', 30, net2, vocab2, 'cpu')
            == d2l.predict_ch8('time traveller', 30, net, vocab, 'cpu'))


def _module_from_source(tmp_path, name, source):
    """Kaynağı bir dosyadan içe aktarır: defter hücresi gibi, inspect kaynağı bulur."""
    import importlib.util
    path = tmp_path / f'{name}.py'
    path.write_text('import torch\n\n\n' + source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_forward_is_recognised_by_source_not_by_name(model, tmp_path):
    """Defterde birebir yeniden tanımlanan rnn kaydedilir; adı rnn olan ama
    başka iş yapan (ReLU'lu) bir fonksiyon reddedilir: tanh'lı geri gelmesin."""
    import inspect
    net, vocab = model
    same = _module_from_source(tmp_path, 'same', inspect.getsource(d2l.rnn)).rnn
    assert same is not d2l.rnn
    copy = d2l.RNNModelScratch(len(vocab), 24, 'cpu', d2l.get_params, d2l.init_rnn_state, same)
    copy.params = net.params
    d2l.save_model(copy, vocab, tmp_path / 'copy.pt')
    loaded, _ = d2l.load_model(tmp_path / 'copy.pt', 'cpu')
    assert loaded.forward_fn is d2l.rnn

    relu_src = inspect.getsource(d2l.rnn).replace('torch.tanh', 'torch.relu')
    relu_fn = _module_from_source(tmp_path, 'relu', relu_src).rnn
    assert relu_fn.__name__ == 'rnn'
    relu = d2l.RNNModelScratch(len(vocab), 24, 'cpu', d2l.get_params, d2l.init_rnn_state, relu_fn)
    with pytest.raises(ValueError, match="'rnn' ileri yayılımıyla"):
        d2l.save_model(relu, vocab, tmp_path / 'relu.pt')
    assert not (tmp_path / 'relu.pt').exists()


def test_saved_file_is_group_readable_and_overwrite_keeps_it(model, tmp_path):
    net, vocab = model
    path = tmp_path / 'model.pt'
    d2l.save_model(net, vocab, path)
    assert path.stat().st_mode & 0o777 == 0o644
    d2l.save_model(net, vocab, path)   # üzerine yazma da aynı izinle
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ['model.pt']


def test_vocab_from_tokens_is_public_and_validates():
    vocab = d2l.Vocab([list('abca')])
    again = d2l.Vocab.from_tokens(vocab.idx_to_token, vocab.token_freqs)
    assert again.idx_to_token == vocab.idx_to_token
    assert again.token_to_idx == vocab.token_to_idx and again.token_freqs == vocab.token_freqs
    with pytest.raises(ValueError, match='<unk>'):
        d2l.Vocab.from_tokens(['a', 'b'], [])
    with pytest.raises(ValueError, match='tekrarsız'):
        d2l.Vocab.from_tokens(['<unk>', 'a', 'a'], [])


def test_overwrite_keeps_permissions_and_symlink(model, tmp_path):
    """Sınıf sunucusunda paylaşılan bir dosya üzerine yazılınca izinleri (0640)
    düşmez; bir sembolik bağ bağ olarak kalır, gösterdiği dosya yenilenir."""
    net, vocab = model
    real = tmp_path / 'gercek.pt'
    d2l.save_model(net, vocab, real)
    os.chmod(real, 0o640)
    link = tmp_path / 'model.pt'
    link.symlink_to(real)
    with torch.no_grad():
        net.params[0].add_(1)
    d2l.save_model(net, vocab, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.stat().st_mode & 0o777 == 0o640
    loaded, _ = d2l.load_model(link, 'cpu')
    assert torch.equal(loaded.params[0], net.params[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ['gercek.pt', 'model.pt']


def test_save_into_a_missing_folder_names_the_users_path(model, tmp_path):
    net, vocab = model
    path = tmp_path / 'yok' / 'model.pt'
    with pytest.raises(OSError, match='klasörü yok') as e:
        d2l.save_model(net, vocab, path)
    assert str(path) in str(e.value) and '.part' not in str(e.value).split('[ayrıntı')[0]


def test_full_disk_is_explained_and_old_file_kept(model, saved, monkeypatch):
    net, vocab = model
    before = saved.read_bytes()

    def full(obj, f):
        f.write(b'PK')
        raise RuntimeError('[enforce fail at inline_container.cc:664] . unexpected pos 64')

    monkeypatch.setattr(torch, 'save', full)
    with pytest.raises(OSError, match='diskte yer kalmamış') as e:
        d2l.save_model(net, vocab, saved)
    assert str(saved) in str(e.value) and 'eski dosya' in str(e.value)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == ['model.pt']


def test_checkpoint_carries_its_vocabulary(model, saved, tmp_path):
    """Yüklenen model dağarcığına bağlıdır: aynı boyutta başka bir dağarcıkla
    kaydedilemez, üreticide kullanılamaz."""
    net, vocab = model
    other = d2l.Vocab.from_tokens(['<unk>'] + vocab.idx_to_token[1:][::-1], [])
    assert len(other) == len(vocab)
    loaded, loaded_vocab = d2l.load_model(saved, 'cpu')
    with pytest.raises(ValueError, match='başka bir kelime dağarcığıyla'):
        d2l.save_model(loaded, other, tmp_path / 'x.pt')
    with pytest.raises(ValueError, match='başka bir kelime dağarcığıyla'):
        d2l.generation_widget(loaded, other, 'cpu')
    d2l.save_model(loaded, loaded_vocab, tmp_path / 'y.pt')   # kendi dağarcığı: olur
    assert not (tmp_path / 'x.pt').exists()
