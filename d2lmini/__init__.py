"""d2lmini: "Dive into Deep Learning" kitabının sıfırdan RNN bölümü için küçük yardımcı paket.

Defterlerde kitaptaki gibi kullanılır: ``import d2lmini as d2l``.
"""
from .data import (SeqDataLoader, Vocab, count_corpus, load_corpus_time_machine,
                   load_data_time_machine, read_time_machine, seq_data_iter_random,
                   seq_data_iter_sequential, tokenize)
from .download import DATA_HUB, DATA_URL, DownloadError, download
from .fast import RNNModelFast
from .plot import Animator
from .rnn import RNNModelScratch, get_params, init_rnn_state, predict_ch8, rnn
from .train import grad_clipping, train_ch8, train_epoch_ch8
from .utils import Accumulator, Timer, set_seed, sgd, try_all_gpus, try_gpu
from .sampling import sample_ch8
from .widget import generation_widget
from .checkpoint import CheckpointError, load_model, save_model
from .text import load_corpus_text, load_data_text, read_text, strip_gutenberg

__version__ = '0.1.0'
