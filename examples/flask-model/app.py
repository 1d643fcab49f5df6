"""A containerized model app that reports to model-monitor over HTTP ingest.

The original problem statement's example is a Flask app that starts a ModelMonitor with a
reference dataset. Python apps have no Kafka/Avro SDK here, so this one posts JSON to the
service's ingest endpoint (POST /ingest/v1/...), which validates each event and puts it on the
topics as Avro. Monitoring never blocks or breaks a request: events go to a bounded queue and a
background thread sends them in batches; when the queue is full, events are dropped and counted.

Run:  MODEL_MONITOR_URL=http://localhost:8080 python3 app.py
Then: curl -s localhost:5000/predict -H 'Content-Type: application/json' \
        -d '{"hr": 8, "workingday": 1, "temp": 0.3, "hum": 0.6}'
"""
import json
import os
import queue
import socket
import threading
import time
import urllib.request
import uuid

from flask import Flask, jsonify, request

MONITOR = os.environ.get("MODEL_MONITOR_URL", "http://localhost:8080")
MODEL_ID = os.environ.get("MODEL_ID", "bike-demand")
MODEL_VERSION = os.environ.get("MODEL_VERSION", "flask-1")
INSTANCE = {
    "id": os.environ.get("POD_NAME", socket.gethostname()),
    "hostname": socket.gethostname(),
    "pod": os.environ.get("POD_NAME"),
    "namespace": os.environ.get("POD_NAMESPACE"),
    "node": os.environ.get("NODE_NAME"),
}

app = Flask(__name__)
events = queue.Queue(maxsize=10_000)
dropped = {"queue_full": 0, "send_failed": 0}


def now_ms():
    return int(time.time() * 1000)


def report(kind, event):
    """Never blocks the request: a full queue drops the event and counts it."""
    try:
        events.put_nowait((kind, event))
    except queue.Full:
        dropped["queue_full"] += 1


def sender():
    while True:
        batches = {}
        kind, event = events.get()
        batches.setdefault(kind, []).append(event)
        while len(batches[kind]) < 500:
            try:
                k, e = events.get(timeout=0.2)
            except queue.Empty:
                break
            batches.setdefault(k, []).append(e)
        for k, batch in batches.items():
            body = json.dumps(batch).encode()
            req = urllib.request.Request(f"{MONITOR}/ingest/v1/{k}", body,
                                         {"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(req, timeout=5).read()
            except Exception:  # monitoring must not take the app down
                dropped["send_failed"] += len(batch)


def heartbeats():
    sequence = 0
    started = time.time()
    while True:
        sequence += 1
        report("state", {"modelId": MODEL_ID, "modelVersion": MODEL_VERSION, "instance": INSTANCE,
                         "type": "heartbeat", "sequence": sequence,
                         "uptimeMillis": int((time.time() - started) * 1000), "intervalMillis": 10_000})
        time.sleep(10)


def predict(features):
    """The model: rentals per hour from hour of day, working day and temperature."""
    base = 40 + 25 * (features.get("hr", 12) in (8, 17, 18)) * (1 + features.get("workingday", 0))
    return round(base * (0.5 + features.get("temp", 0.5)), 1)


@app.post("/predict")
def serve():
    features = request.get_json(force=True) or {}
    request_id = request.headers.get("X-Request-Id", str(uuid.uuid4()))
    started = time.perf_counter()
    event = {"modelId": MODEL_ID, "modelVersion": MODEL_VERSION, "instance": INSTANCE,
             "requestId": request_id, "timestamp": now_ms(), "features": features}
    try:
        result = predict(features)
        event.update(prediction=result, outcome="OK")
        return jsonify(requestId=request_id, prediction=result)
    except Exception as e:
        event.update(outcome="ERROR", error=type(e).__name__, errorMessage=str(e)[:500])
        return jsonify(error=str(e)), 500
    finally:
        event["latencyMicros"] = int((time.perf_counter() - started) * 1e6)
        report("predictions", event)


@app.post("/label")
def label():
    body = request.get_json(force=True)
    report("labels", {"modelId": MODEL_ID, "requestId": body["requestId"], "actual": body["actual"],
                      "timestamp": now_ms()})
    return "", 204


@app.get("/healthz")
def health():
    return jsonify(status="UP", queued=events.qsize(), dropped=dropped)


def start_monitoring():
    threading.Thread(target=sender, daemon=True).start()
    for state in ("STARTING", "READY"):
        report("state", {"modelId": MODEL_ID, "modelVersion": MODEL_VERSION, "instance": INSTANCE,
                         "type": "lifecycle", "state": state})
    threading.Thread(target=heartbeats, daemon=True).start()


if __name__ == "__main__":
    start_monitoring()
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
