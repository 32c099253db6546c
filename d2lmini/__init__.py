"""d2lmini: "Dive into Deep Learning" kitabının sıfırdan RNN bölümü için küçük
yardımcı paket.

Defterlerde kitaptaki gibi kullanılır: ``import d2lmini as d2l``.
"""
from .checkpoint import CheckpointError, load_model, save_model
from .data import (SeqDataLoader, load_corpus_text, load_corpus_time_machine,
                   load_data_text, load_data_time_machine, preprocess,
                   read_text, read_time_machine, seq_data_iter_random,
                   seq_data_iter_sequential, strip_gutenberg)
from .download import DATA_HUB, DATA_URL, DownloadError, download
from .benchmark import describe_run
from .ceiling import ceiling, flops_per_token, gemm_gflops
from .claims import claim
from .fast import RNNModelFast
from .numfmt import fmt_num, fmt_pct, fmt_sci, turkish_axes
from .plot import Animator
from .rnn import (RNNModelScratch, RNNModelTorch, get_params, greedy,
                  init_rnn_state, predict_ch8, rnn)
from .sampling import sample_ch8
from .train import grad_clipping, train_ch8, train_epoch_ch8
from .utils import Accumulator, Timer, set_seed, sgd, try_all_gpus, try_gpu
from .vocab import Vocab, count_corpus, tokenize
from .widget import generation_widget

__version__ = '0.1.0'
