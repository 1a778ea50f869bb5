# notebook: notebooks/train_sentiment_model.ipynb, cell: candidates
from sklearn.naive_bayes import ComplementNB


def candidate(lexicon, C):
    return Pipeline(
        [
            ("vectorizer", ReviewVectorizer(lexicon=lexicon)),
            (
                "classifier",
                LogisticRegression(C=C, solver="liblinear", tol=1e-8, random_state=SEED),
            ),
        ]
    )


candidates = {
    "words and pairs": candidate(lexicon=False, C=30),
    "words, pairs and lexicon classes": candidate(lexicon=True, C=30),
    "words, pairs and lexicon classes, less regularised": candidate(lexicon=True, C=100),
    "words, pairs and lexicon classes, complement naive Bayes": Pipeline(
        [("vectorizer", ReviewVectorizer(lexicon=True)), ("classifier", ComplementNB(alpha=0.3))]
    ),
}
print(f"{len(candidates)} candidates")
