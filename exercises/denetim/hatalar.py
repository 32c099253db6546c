"""Adlandırılmış yanlışların kataloğu ve öğrenciye gösterilen Türkçe ileti türü.

Her adlandırılmış yanlışın tek bir anahtarı, adı ve açıklaması vardır; ileti
"Olası hata: <ad>. <açıklama>" biçimindedir. Sınıfın raporu yanlışları bu
anahtarlarla sayar.
"""


class Hata(AssertionError):
    """Öğrenciye gösterilen Türkçe denetim iletisi; ``anahtar`` tanınan yanlışın
    kataloğdaki anahtarı (yoksa None)."""

    def __init__(self, ileti, anahtar=None):
        super().__init__(ileti)
        self.anahtar = anahtar


# Adlandırılmış yanlışlar: anahtar -> (ad, açıklama). İleti "Olası hata: <ad>. <açıklama>"
HATALAR = {
    'devrik_eksik': (
        'devrik (transpoz) eksik',
        'Biçim {got}, yani (minigrup, adım, V); beklenen (adım, minigrup, V) = {want}. '
        'Bire bir kodlamadan önce X.T alın: model zaman adımları üzerinde döner, '
        'zaman ekseni en dışta olmalı.'),
    'yanlis_genislik': (
        'bire bir kodlamanın genişliği yanlış',
        'Son eksenin uzunluğu {got}, kelime dağarcığının boyu ise {want}. Genişliği '
        'F.one_hot(..., vocab_size) ile açıkça verin: verilmezse torch onu girdideki en '
        'büyük indisten tahmin eder.'),
    'gradyan_yok': (
        'ağırlıklar gradyan istemiyor',
        '{names} için requires_grad False. Her parametrede param.requires_grad_(True) '
        'çağırın; yoksa geri yayılım gradyan hesaplamaz, eğitim hiçbir şeyi güncelleyemez.'),
    'yaprak_degil': (
        'parametre bir yaprak tensör değil',
        '{names} bir işlemin sonucu (ör. torch.randn(..., requires_grad=True) * 0.01): '
        'gradyanı .grad\'da birikmez. Önce tensörü kurun, ölçekleyin, sonra '
        'requires_grad_(True) çağırın.'),
    'ilkleme_olcegi': (
        'ilkleme ölçeği yanlış: N(0; 1) kullanılmış',
        '{name} ağırlıklarının standart sapması {std}, beklenen 0,01. torch.randn '
        'N(0; 1)\'den çeker; 0.01 ile çarparak N(0; 0,01²) elde edin.'),
    'durum_demet_degil': (
        'gizli durum bir demet değil',
        'Bir tensör geldi ({what}). Durumu tek elemanlı bir demet olarak verin: (H,) '
        '(sondaki virgül önemli). Sonraki modeller (ör. LSTM) birden çok durum tensörü '
        'tutar; eğitim döngüsü hepsine aynı biçimde davranır.'),
    'tanh_eksik': (
        'tanh eksik',
        'Çıktılar etkinleştirme fonksiyonu olmadan hesaplanmış gibi. Gizli durum her '
        'adımda H = tanh(X W_xh + H W_hh + b_h) olmalı.'),
    'tanh_ciktida': (
        'tanh çıktıya uygulanmış',
        'tanh gizli duruma uygulanır, çıktıya değil: O = H W_hq + b_q (çıktı, softmax\'a '
        'giden ham puanlardır; tanh onları [-1, 1]\'e sıkıştırır).'),
    'yanlis_eksen': (
        'çıktılar yanlış eksende birleştirilmiş',
        'Çıktının biçimi {got}, beklenen {want}. Adımların çıktılarını ilk eksende '
        'birleştirin: torch.cat(outputs, dim=0) -> (adım · minigrup, V).'),
    'isinma_tahmin': (
        'ısınma aşamasında tahmin yazılıyor',
        'Önekin karakterleri için tahmin üretilmemeli: ısınma aşamasında yalnızca gizli '
        'durum güncellenir ve önekin bir sonraki gerçek karakteri eklenir. Sonuç önekin '
        'kendisiyle başlamalı ve tam {n} karakter uzun olmalı (gelen: {got!r}).'),
    'isinma_kayik': (
        'ısınma aşaması bir adım kayık',
        'Önekin her karakteri modele tam bir kez ve sırayla verilmeli; sonra son karakterin '
        'ardından tahmine geçilir. Modele verilenler: {fed!r}, beklenen başlangıç: '
        '{want!r}. Isınma döngüsü prefix[1:] üzerinde döner ve her adımda bir önceki '
        'karakteri besler.'),
    'secim_yok': (
        'verilen choose kullanılmamış',
        'Bir sonraki andıcı `choose(y)` seçmeli: sonuç en olası andıçlarla üretilmiş ({got!r}), '
        'oysa verilen choose başka bir seçim istiyordu ({want!r}). y.argmax yerine '
        'outputs.append(choose(y)) yazın; varsayılan choose=greedy en olasıyı zaten seçer.'),
    'onek_eksik': (
        'önekin bir karakteri düşmüş',
        'Sonuç öneki ({prefix!r}) eksiksiz içermiyor: {got!r}. outputs listesi önekin ilk '
        'karakteriyle başlar ve ısınma aşamasında her karakter eklenir.'),
    'parametre_basina_kirpma': (
        'her parametre ayrı kırpılmış',
        'Norm bütün parametrelerin gradyanları üzerinden birlikte alınır: '
        '‖g‖ = √(Σ_i ‖g_i‖²), sonra hepsi aynı min(1, θ/‖g‖) ile çarpılır.'),
    'yon_degisti': (
        'kırpma gradyanın yönünü değiştiriyor',
        'Kırpılmış gradyan eskisiyle aynı yönde olmalı (aralarındaki kosinüs {cos:.4f}, '
        'beklenen 1). Öğeleri tek tek sınırlamak (clamp) yerine bütün gradyanı tek bir '
        'sayıyla ölçekleyin: g ← min(1, θ/‖g‖) g.'),
    'koparma_yok': (
        'gizli durum koparıp ayrılmamış',
        'Sıralı bölümlemede taşınan durum her minigruptan önce çizgeden koparılıp '
        'ayrılmalı (s.detach()); yoksa çizge minigruptan minigruba büyür ya da geri '
        'yayılım aynı çizgeden ikinci kez geçmeye çalışır. {why}'),
    'sirali_yeniden_ilkleme': (
        'sıralı bölümlemede durum her minigrupta yeniden ilkleniyor',
        'Sıralı bölümlemede minigrup k+1\'in satırları minigrup k\'nınkileri sürdürür: '
        'durum yalnızca dönemin başında ilklenir, sonra taşınır (koparıp ayrılarak). '
        'begin_state {calls} kez çağrıldı.'),
    'rastgele_tasima': (
        'rastgele örneklemede durum taşınıyor',
        'Rastgele örneklemede ardışık minigruplar metnin ilgisiz yerlerinden gelir: '
        'durum her minigrupta yeniden ilklenmeli. begin_state {calls} kez çağrıldı, '
        '{n} minigrup vardı.'),
    'kayip_toplam': (
        'kayıp ortalama yerine toplanmış',
        'sgd batch_size=1 ile çağrılıyor; bu, kaybın zaten ortalama olduğunu varsayar. '
        'loss(y_hat, y).mean() kullanın (gradyan {ratio:.0f} kat büyük çıktı).'),
    'kirpma_yok': (
        'gradyan kırpma unutulmuş',
        'Güncellemeden hemen önce gradyanların toplam normu {norm}, θ=1\'i aşıyor. '
        'backward()\'dan sonra, güncellemeden önce grad_clipping(net, 1) çağırın.'),
    'alfa_yok': (
        'α kullanılmamış',
        'Olasılıklar P\'nin kendisi gibi çıktı, q ∝ P^α olmalı. P^α ∝ exp(α · logit) '
        'olduğu için softmax(α · logit) yeter.'),
    'alfa_sonsuz': (
        'α = ∞ sınırı ele alınmamış',
        'α = ∞ için sonuç {got}. Bu sınırda q, en olası karaktere bütün olasılığı verir: '
        'seçim açgözlü tahminle (argmax) aynı olmalı; math.isinf(alpha) ile ayrıca '
        'ele alın.'),
    'us_yok': (
        'üstel alınmamış',
        'Sonuç ({got}) ortalama kaybın kendisi; şaşkınlık onun üstelidir: exp(ortalama kayıp) '
        '= {want}.'),
    'sasikinlik_ortalamasi': (
        'şaşkınlıkların ortalaması alınmış',
        'Her parçanın şaşkınlığını ayrı hesaplayıp ortalamak yanlış: önce kayıpların '
        '(andıç sayısıyla ağırlıklı) ortalamasını alın, üsteli en sonda: exp(Σ l_i n_i / Σ n_i). '
        'exp dışbükey olduğu için şaşkınlıkların ortalaması her zaman daha büyük çıkar.'),
    'agirliksiz_ortalama': (
        'kayıplar andıç sayısıyla ağırlıklandırılmamış',
        'Minigrupların andıç sayıları farklı: her ortalama kaybı kendi andıç sayısıyla '
        'çarpıp toplayın, toplam andıç sayısına bölün (Σ l_i n_i / Σ n_i).'),
    'konum_devrik': (
        'konumlar yanlış eksende',
        'Kayıplar (adım · minigrup) sırasında: önce reshape(adım, minigrup), sonra her adım '
        'için minigrup ekseninde (dim=1) ortalama. reshape(minigrup, adım) ile her "konum" '
        'aslında bir örneğin bütün konumlarını karıştırır.'),
    'uretec_yok': (
        'üreteç kullanılmamış',
        'Aynı tohumla kurulmuş iki üreteçle yapılan çekimler farklı çıktı: rastgelelik '
        'verilen üreteçten değil, torch\'un genel üretecinden geliyor, yani sonuç tohumla '
        'yeniden üretilemez. Üreteci torch.multinomial(q, 1, generator=generator) (ya da '
        'torch.rand(..., generator=generator)) ile verin.'),
}


def hata(key, **kw):
    """Adlandırılmış bir yanlışın iletisiyle ``Hata`` verir."""
    title, detail = HATALAR[key]
    raise Hata(f'Olası hata: {title}. {detail.format(**kw)}', anahtar=key)


def baslik(key):
    """Bir yanlışın iletide geçen adı (sınamalar bunu arar)."""
    return HATALAR[key][0]


YAZILMADI = ('`{name}` henüz yazılmadı: hücredeki "raise NotImplementedError" satırının '
             'yerine kendi kodunuzu yazın, hücreyi çalıştırın (Shift+Enter), sonra bu '
             'denetimi yeniden çalıştırın.')
