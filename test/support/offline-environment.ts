// Runs before every test file. An AWS SDK client without an explicit endpoint then signs with
// dummy credentials and reaches a closed loopback port, never AWS or a metadata address.
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
process.env.AWS_ACCESS_KEY_ID = 'test';
process.env.AWS_SECRET_ACCESS_KEY = 'test';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
