-- wrk script: POST the JSON body in the file named by BODY_FILE to the URL wrk was given.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
