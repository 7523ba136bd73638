from mi_trainer.cli.main import main

raise SystemExit(main())
