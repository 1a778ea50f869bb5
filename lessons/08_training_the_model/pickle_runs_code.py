"""Why a joblib or pickle file must only come from someone you trust: loading it runs code.

Run it: python lessons/08_training_the_model/pickle_runs_code.py
"""

import io
import pickle


class NotAModel:
    """Looks like data. Tells pickle to rebuild it by calling a function of the author's choice."""

    def __reduce__(self):
        return print, ("This line was printed by the file you loaded, not by your code.",)


payload = pickle.dumps(NotAModel())

if __name__ == "__main__":
    print("Loading the file...")
    pickle.load(io.BytesIO(payload))  # noqa: S301 (the point of the demonstration)
    print("...loaded. The call could as well have been os.system with any command.")
