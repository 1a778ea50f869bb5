# notebook: notebooks/train_sentiment_model.ipynb, cell: candidates
def candidate(lexicon, C, min_df=1):
    return Pipeline(
        [
            ("vectorizer", ReviewVectorizer(lexicon=lexicon, min_df=min_df)),
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
    "the same, only terms seen in two training reviews or more": candidate(
        lexicon=True, C=100, min_df=2
    ),
}
print(f"{len(candidates)} candidates")
