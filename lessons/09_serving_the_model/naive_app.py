# The source article's quickstart, exactly as published, kept to show what goes wrong.
# Do not deploy it: lesson 09's app.py is the corrected version.
# Import necessary libraries
from flask import Flask, request, jsonify
import joblib

app = Flask(__name__)

# Load the model and vectorizer
model = joblib.load('Amazon_Customer_Reviews_Analysis_model.joblib')
vectorizer = joblib.load('vectorizer.joblib')

@app.route('/api', methods=['POST'])
def predict():
    # Get data from POST request
    data = request.get_json(force=True)

    # Convert data into numerical data
    data_vectorized = vectorizer.transform([data['text']])

    # Make prediction using model loaded from disk as per the data
    prediction = model.predict(data_vectorized)

    # Take the first value of prediction
    output = prediction[0]

    # Convert the prediction into a JSON response
    response = jsonify({'prediction': output})

    return response

if __name__ == '__main__':
    app.run(port=5000, debug=True)
