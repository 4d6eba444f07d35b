use tokio::time::{sleep, Duration};

async fn read_sensor() -> Result<u32, String> {
    sleep(Duration::from_millis(300)).await;
    Err("sensor unplugged".to_string())
}

async fn parse_config() -> u32 {
    sleep(Duration::from_millis(600)).await;
    panic!("config file is corrupt");
}

#[tokio::main]
async fn main() {
    let sensor = tokio::spawn(read_sensor());
    let config = tokio::spawn(parse_config());

    match sensor.await {
        Ok(Ok(v)) => println!("Sensor: {}", v),
        Ok(Err(e)) => println!("Task returned an error: {}", e),
        Err(e) => println!("Join error: {}", e),
    }
    match config.await {
        Ok(v) => println!("Config: {}", v),
        Err(e) => println!("Join error: task panicked: {}", e),
    }
}
