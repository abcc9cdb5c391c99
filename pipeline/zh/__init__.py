"""The ground floor: what Chinese text is, defined once for every stage.

``chars`` (which characters are Han, punctuation, content), ``words`` (jieba: the dictionary, the
domain terms, cutting text into words), ``pinyin`` (toneless readings and the sounds a recogniser
confuses), ``script`` (traditional and simplified, through OpenCC), ``data`` (how word lists and
rule files are found and read), ``tables`` (the one store of tables built once and kept across
runs). Nothing here imports the rest of the pipeline; every stage may import this.
"""
