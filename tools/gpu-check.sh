#!/usr/bin/env bash
# GPU denetimi: aynı nbval takımını bir CUDA makinesinde çalıştırır; geçti/kaldı ve andıç/sn yazar.
# Kullanım (deponun kökünde, bağımlılıklar kurulu bir Python ile):  tools/gpu-check.sh [python]
# Veri: data/ içinde doğrulanmış kopya ya da D2LMINI_DATA_URL ile bir yansı gerekir.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${1:-python3}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
LOG=${GPU_CHECK_LOG:-/tmp/gpu-check}
mkdir -p "$LOG"

"$PY" - <<'PY' || { echo "KALDI: CUDA aygıtı yok"; exit 2; }
import torch
assert torch.cuda.is_available()
print('aygıt:', torch.cuda.get_device_name(0), '| torch', torch.__version__)
PY

start=$(date +%s)
"$PY" -m pytest --nbval notebooks/ -q -p no:cacheprovider >"$LOG/nbval.log" 2>&1
nbval=$?
echo "nbval (defterler): $([ $nbval = 0 ] && echo GEÇTİ || echo KALDI), $(( $(date +%s) - start )) sn"
tail -3 "$LOG/nbval.log"

"$PY" -m pytest tests -q -p no:cacheprovider -m "not browser" >"$LOG/tests.log" 2>&1
units=$?
echo "birim sınamaları: $([ $units = 0 ] && echo GEÇTİ || echo KALDI)"
tail -3 "$LOG/tests.log"

# Bölümün modeli GPU'da: h=512, 32x35, 50 dönem (ısınmadan sonra ölçülen andıç/sn)
"$PY" - <<'PY'
import d2lmini as d2l, contextlib, io
device = d2l.try_gpu()
for use_random_iter in (False, True):
    d2l.set_seed(0)
    train_iter, vocab = d2l.load_data_time_machine(32, 35, use_random_iter)
    net = d2l.RNNModelScratch(len(vocab), 512, device, d2l.get_params, d2l.init_rnn_state, d2l.rnn)
    with contextlib.redirect_stdout(io.StringIO()):
        ppl, speed = d2l.train_ch8(net, train_iter, vocab, 1, 50, device, use_random_iter)
    kind = 'rastgele örnekleme' if use_random_iter else 'sıralı bölümleme'
    print(f'sıfırdan model, {kind}, 50 dönem: şaşkınlık {ppl:.2f}, {speed:,.0f} andıç/sn, {device}')
PY
[ $nbval = 0 ] && [ $units = 0 ]
